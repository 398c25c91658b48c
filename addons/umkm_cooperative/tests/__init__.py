from . import test_surplus_math, test_savings, test_surplus, test_access, test_portal
from . import test_track_record
