from . import test_buy_from_savings
