from collections import defaultdict

from odoo import Command, fields, models
from odoo.exceptions import UserError

from odoo.addons.umkm_cluster.tools.units import from_units, to_units


# one concern of the order per file (the order itself in umkm_subcontract_order.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractOrder(models.Model):
    """The firm's materials of the order: received (owned by the firm), issued to the members
    who took the work, returned or lost, and their reconciliation."""

    _inherit = "umkm.subcontract.order"

    material_ids = fields.One2many(
        "umkm.subcontract.material",
        "order_id",
        string="Materials from the firm",
        copy=True,
        help="What the firm supplies to make the work, per unit of output.",
    )
    material_picking_count = fields.Integer(compute="_compute_material_picking_count")

    def _material_pickings(self):
        return (
            self.env["stock.move"]
            .sudo()
            .search([("umkm_material_id.order_id", "in", self.ids), ("picking_id", "!=", False)])
            .picking_id
        )

    def _compute_material_picking_count(self):
        for order in self:
            order.material_picking_count = len(order._material_pickings()) if order.id else 0

    def _check_materials(self, action):
        # the cooperative moves the firm's materials (the work below runs as superuser)
        self.check_access("write")
        self._check_state(("confirmed", "assigned", "in_progress", "delivered"), action)
        for order in self:
            if not order.material_ids:
                raise UserError(
                    self.env._("%(order)s lists no material from the firm.", order=order.name)
                )

    def _prepare_material_picking_vals(self, picking_type, partner, source, destination, moves):
        """Values of a transfer of the firm's materials (owned by the firm) of ``picking_type``
        from ``source`` to ``destination``, with ``partner`` as its contact and ``moves`` the
        values of its stock moves."""
        self.ensure_one()
        return {
            "picking_type_id": picking_type.id,
            "partner_id": partner.id,
            "owner_id": self.partner_id.commercial_partner_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "origin": self.name,
            "company_id": self.company_id.id,
            "move_ids": [Command.create(vals) for vals in moves],
        }

    def action_receive_materials(self):
        """Prepare the receipt of the firm's materials (owned by the firm) and open it: the
        warehouse validates it with the quantities that really came."""
        self.ensure_one()
        self._check_materials(self.env._("receive materials for"))
        warehouse = self.env["stock.warehouse"]._umkm_for_company(self.company_id)
        pending = self._material_pickings().filtered(
            lambda p: (
                p.picking_type_id == warehouse.in_type_id and p.state not in ("done", "cancel")
            )
        )
        if pending:
            return self._action_open_pickings(pending)
        moves = []
        firm_location = self.material_ids[:1]._firm_location()
        for material in self.material_ids:
            rounding = material.uom_id.rounding or 0.01
            wanted = material.qty_required * (1 + material.loss_percent / 100.0)
            qty = from_units(
                max(0, to_units(wanted - material.qty_received, rounding, "UP")), rounding
            )
            if qty > 0:
                moves.append(
                    material._move_vals(qty, "receive", firm_location, warehouse.lot_stock_id)
                )
        if not moves:
            raise UserError(
                self.env._("All the materials of %(order)s have been received.", order=self.name)
            )
        picking = (
            self.env["stock.picking"]
            .sudo()
            .create(
                self._prepare_material_picking_vals(
                    warehouse.in_type_id,
                    self.partner_id,
                    firm_location,
                    warehouse.lot_stock_id,
                    moves,
                )
            )
        )
        picking.action_confirm()
        return self._action_open_pickings(picking)

    def _action_open_pickings(self, pickings):
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfers of %(order)s", order=self.name),
            "res_model": "stock.picking",
            "view_mode": "list,form",
            "domain": [("id", "in", pickings.ids)],
        }
        if len(pickings) == 1:
            action.update(view_mode="form", res_id=pickings.id)
        return action

    def action_view_material_pickings(self):
        self.ensure_one()
        self.check_access("read")
        return self._action_open_pickings(self._material_pickings())

    def action_issue_materials(self):
        """Hand the firm's materials to the members who took the work, in proportion to their
        quantities: one transfer per member to its location, validated at once."""
        self._check_materials(self.env._("issue materials for"))
        for order in self:
            work = order.assignment_ids.filtered(lambda a: a.state in ("accepted", "in_progress"))
            if not work:
                raise UserError(
                    self.env._("No member has accepted work on %(order)s yet.", order=order.name)
                )
            plan = order.material_ids._issue_plan(work)
            if not plan:
                raise UserError(
                    self.env._(
                        "Nothing to issue for %(order)s: the members have their materials, or "
                        "none is at the cooperative.",
                        order=order.name,
                    )
                )
            Material = self.env["umkm.subcontract.material"]
            warehouse = self.env["stock.warehouse"]._umkm_for_company(order.company_id)
            stock = warehouse.lot_stock_id
            locations = work.member_id._umkm_stock_locations(warehouse)
            by_member = defaultdict(list)
            for (material, line), qty in plan.items():
                by_member[line.member_id].append(
                    material._move_vals(
                        qty, "issue", stock, locations[line.member_id], assignment=line
                    )
                )
            pickings = (
                self.env["stock.picking"]
                .sudo()
                .create(
                    [
                        order._prepare_material_picking_vals(
                            warehouse.int_type_id,
                            member.partner_id,
                            stock,
                            locations[member],
                            moves,
                        )
                        for member, moves in by_member.items()
                    ]
                )
            )
            pickings.action_confirm()
            pickings.action_assign()
            Material._check_fully_reserved(pickings.move_ids)
            pickings.move_ids.picked = True
            pickings._action_done()
            if order.agreement_id.sudo()._is_inputs_on_credit():
                order._invoice_inputs_on_credit(plan)
            order.message_post(
                body=self.env._("Materials issued to %(count)s members.", count=len(by_member)),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_return_materials(self):
        """Open the wizard recording what goes back to the firm and what was lost."""
        self.ensure_one()
        self.check_access("write")
        self._check_state(
            ("confirmed", "assigned", "in_progress", "delivered", "done", "cancel"),
            self.env._("return materials of"),
            claim=False,
        )
        wizard = self.env["umkm.subcontract.material.return"].create({"order_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Materials back to the firm"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_print_material_reconciliation(self):
        self.ensure_one()
        self.check_access("read")
        return self.env.ref(
            "umkm_partnership_material.action_report_material_reconciliation"
        ).report_action(self)

    def action_export_materials_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        return self.env.ref(
            "umkm_partnership_material.action_report_material_reconciliation_xlsx"
        ).report_action(self)

    def _material_rows(self):
        """The reconciliation of this order's materials: one row per material with its
        figures, and per member (``lines``) issued, consumed, returned, lost, at member."""
        self.ensure_one()
        figures = self.material_ids._figures_by_assignment()
        rows = []
        for material in self.material_ids:
            lines = []
            for line in self.assignment_ids.sorted("id"):
                row = figures.get((material.id, line.id))
                if row and row["issued"]:
                    lines.append((line, row))
            rows.append((material, lines))
        return rows
