from . import test_payment
