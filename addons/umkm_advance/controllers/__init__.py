from . import advance
