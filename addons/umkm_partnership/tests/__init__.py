from . import test_access
from . import test_catalogue_quotation
from . import test_flow
from . import test_numbers
from . import test_portal
from . import test_split_property
from . import test_split_wizard
from . import test_tour
