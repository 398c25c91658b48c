from . import savings
