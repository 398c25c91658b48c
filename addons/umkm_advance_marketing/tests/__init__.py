from . import test_joint_sale_advance
