from . import portal
from . import catalogue
from . import home
