from . import savings_payment
