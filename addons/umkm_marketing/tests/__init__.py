from . import test_catalogue_quotation
from . import test_joint_marketing
from . import test_member_delivery
