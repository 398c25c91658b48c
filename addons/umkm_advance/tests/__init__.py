from . import test_access, test_advance, test_portal
