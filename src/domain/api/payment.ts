import { z } from "zod";

/** The fee of a dossier (GET /api/dossiers/:id/payment): amount, state, VietQR request, receipt. */
export const Payment = z
  .object({
    amount: z.number(),
    status: z.enum(["not_required", "unpaid", "paid"]),
    vietqr: z
      .object({
        payload: z.string(),
        bankName: z.string(),
        accountNumber: z.string(),
        accountName: z.string(),
        content: z.string(),
      })
      .nullable(),
    demoBankUrl: z.string().nullable(),
    paidAt: z.date().nullable(),
    receiptUrl: z.string().nullable(),
  })
  .meta({ id: "Payment" });
