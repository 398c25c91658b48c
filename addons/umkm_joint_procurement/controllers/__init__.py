from . import portal
from . import standing_demand
from . import xlsx
