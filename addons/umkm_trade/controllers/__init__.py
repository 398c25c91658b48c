from . import trade
