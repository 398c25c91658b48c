from . import test_netting
from . import test_snapshot
from . import test_snapshot_portal
