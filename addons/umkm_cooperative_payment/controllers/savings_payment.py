from odoo import http
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.http import request

from odoo.addons.account_payment.controllers.payment import PaymentPortal
from odoo.addons.account_payment.controllers.portal import PortalAccount

# the most a member deposits in one online payment (Rp 100 million)
DEPOSIT_MAXIMUM = 100_000_000
_LANDING = "/my/savings"


class UmkmSavingsPayment(PaymentPortal):
    """A member pays its savings dues and deposits voluntary savings from the portal with
    Odoo's payment form: the page shows the providers of the member's cooperative, the
    transaction routes check that the dues or the membership are the user's own and fix the
    amount on the server."""

    # --- what the user may pay ---------------------------------------------------------

    @staticmethod
    def _umkm_payable_due(saving_id):
        """The user's own due ``saving_id`` still open (record rules decide), or empty."""
        saving = request.env["umkm.member.saving"].search([("id", "=", saving_id)])
        return saving.sudo()._umkm_payable_online()

    @staticmethod
    def _umkm_paying_member(member_id):
        """The user's own membership ``member_id`` that may pay in savings, or empty."""
        member = request.env["umkm.member"].search([("id", "=", member_id)])
        return member.sudo().filtered(lambda m: m.state in ("active", "suspended"))

    def _umkm_saving_payment_values(self, company, amount, currency, transaction_route):
        """What Odoo's payment form needs for a payment of ``amount`` to ``company``: its
        providers, methods and the user's tokens (as the invoice's portal page computes them)."""
        values = PortalAccount._get_common_page_view_values(
            self,
            invoices_data={
                "partner": request.env.user.partner_id,
                "company": company,
                "total_amount": amount,
                "currency": currency,
                "amount_residual": amount,
                "landing_route": _LANDING,
                "transaction_route": transaction_route,
            },
        )
        values.update(amount=amount, currency=currency)
        return values

    def _umkm_saving_payment_render(self, values, status=200):
        base = self._prepare_portal_layout_values()
        base.update(values, page_name="umkm_savings")
        return request.render("umkm_cooperative_payment.portal_saving_payment", base, status=status)

    # --- pages -------------------------------------------------------------------------

    @http.route(["/my/savings/pay/<int:saving_id>"], type="http", auth="user", website=True)
    def portal_my_saving_pay(self, saving_id, **kw):
        due = self._umkm_payable_due(saving_id)
        if not due:
            return request.redirect("/my?umkm_refused=1")
        values = self._umkm_saving_payment_values(
            due.company_id,
            due.amount_open,
            due.currency_id,
            f"/my/savings/transaction/due/{due.id}",
        )
        values.update(due=due, member=due.member_id, title=due.label)
        return self._umkm_saving_payment_render(values)

    @http.route(["/my/savings/deposit/<int:member_id>"], type="http", auth="user", website=True)
    def portal_my_saving_deposit(self, member_id, amount=None, **kw):
        member = self._umkm_paying_member(member_id)
        if not member:
            return request.redirect("/my?umkm_refused=1")
        env = request.env
        values = {
            "member": member,
            "title": env._("Voluntary savings deposit"),
            "errors": {},
            "typed": amount or "",
        }
        if not amount:
            return self._umkm_saving_payment_render(values)
        message = env._("Type the amount to deposit, for example 50.000.")
        value, error = env["umkm.number.mixin"]._umkm_parse_form_number(
            amount,
            strict=True,
            maximum=DEPOSIT_MAXIMUM,
            messages={"invalid": message, "too_small": message},
        )
        currency = member.currency_id
        if not error and currency.round(value) != value:
            error = env._("Type the amount in whole rupiah.")
        if error:
            values["errors"]["amount"] = error
            return self._umkm_saving_payment_render(values, status=400)
        values.update(
            self._umkm_saving_payment_values(
                member.company_id,
                value,
                currency,
                f"/my/savings/transaction/deposit/{member.id}",
            )
        )
        return self._umkm_saving_payment_render(values)

    # --- transactions (Odoo's payment form posts here) -----------------------------------

    def _umkm_saving_transaction(self, company, amount, currency, prefix, create_values, kwargs):
        self._validate_transaction_kwargs(kwargs)
        kwargs.update(
            amount=amount,
            currency_id=currency.id,
            partner_id=request.env.user.partner_id.id,
            reference_prefix=prefix,
            landing_route=_LANDING,
        )
        tx_sudo = self._create_transaction(custom_create_values=create_values, **kwargs)
        if tx_sudo.company_id != company:
            raise ValidationError(request.env._("Pay with a payment method of your cooperative."))
        return tx_sudo._get_processing_values()

    @http.route("/my/savings/transaction/due/<int:saving_id>", type="json", auth="user")
    def umkm_due_transaction(self, saving_id, **kwargs):
        due = self._umkm_payable_due(saving_id)
        if not due:
            raise ValidationError(request.env._("This due is not yours to pay, or it is paid."))
        return self._umkm_saving_transaction(
            due.company_id,
            due.amount_open,
            due.currency_id,
            f"{due.member_id.number}-{due.type.upper()}",
            {"umkm_saving_ids": [Command.set(due.ids)]},
            kwargs,
        )

    @http.route("/my/savings/transaction/deposit/<int:member_id>", type="json", auth="user")
    def umkm_deposit_transaction(self, member_id, amount=None, **kwargs):
        member = self._umkm_paying_member(member_id)
        if not member:
            raise ValidationError(request.env._("This membership cannot pay in savings."))
        currency = member.currency_id
        amount = self._cast_as_float(amount) or 0.0
        if currency.compare_amounts(amount, 0.0) <= 0 or amount > DEPOSIT_MAXIMUM:
            raise ValidationError(request.env._("Type the amount to deposit."))
        return self._umkm_saving_transaction(
            member.company_id,
            currency.round(amount),
            currency,
            f"{member.number}-SUKARELA",
            {"umkm_deposit_member_id": member.id},
            kwargs,
        )
