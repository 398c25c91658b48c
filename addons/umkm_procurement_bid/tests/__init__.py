from . import test_bids, test_bid_portal
