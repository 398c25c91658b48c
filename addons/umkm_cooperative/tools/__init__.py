from . import surplus
