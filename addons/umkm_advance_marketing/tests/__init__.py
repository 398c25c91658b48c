from . import test_joint_sale_advance, test_portal
