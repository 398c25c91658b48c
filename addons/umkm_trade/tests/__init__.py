from . import test_trade_portal
