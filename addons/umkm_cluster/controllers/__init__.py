from . import portal
from . import membership
from . import catalogue_portal
from . import inquiry
from . import catalogue
from . import home
from . import track_record
