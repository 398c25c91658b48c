/** @odoo-module */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("umkm_cluster_member_answers_inquiry", {
    url: "/my/inquiries",
    steps: () => [
        {
            content: "Open the buyer's inquiry about my product",
            trigger: "a:contains(Kain Uji)",
            run: "click",
        },
        {
            content: "The buyer's question is there",
            trigger: ".o_umkm_inquiry blockquote:contains(sebelum Lebaran)",
        },
        {
            content: "How many I can supply",
            trigger: "input[name=answer_qty]",
            run: "edit 100",
        },
        {
            content: "In how many days",
            trigger: "input[name=answer_lead_days]",
            run: "edit 21",
        },
        {
            content: "At what price",
            trigger: "input[name=answer_price]",
            run: "edit 145000",
        },
        {
            content: "Send the answer",
            trigger: "button.o_umkm_answer",
            run: "click",
        },
        {
            content: "The answer is sent",
            trigger: ".o_umkm_saved",
        },
    ],
});
