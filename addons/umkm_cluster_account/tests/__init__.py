from . import test_netting
from . import test_snapshot
