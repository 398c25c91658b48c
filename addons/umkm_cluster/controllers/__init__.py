from . import portal
from . import catalogue
