from . import member_purchase
