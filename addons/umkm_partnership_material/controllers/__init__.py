from . import materials
