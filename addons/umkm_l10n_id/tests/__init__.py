from . import test_efaktur
