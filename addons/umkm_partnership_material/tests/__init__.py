from . import test_materials
from . import test_materials_portal
from . import test_inti_plasma
