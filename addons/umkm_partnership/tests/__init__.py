from . import test_access, test_flow, test_portal, test_split_property, test_split_wizard, test_tour
