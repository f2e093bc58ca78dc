import { defineErrors } from "../../kernel/errors.js";

/** Errors of sign-in and accounts. */
export const IdentityErrors = defineErrors({
  SIGN_IN_FAILED: { status: 401, vi: "Đăng nhập không thành công.", en: "Sign-in failed." },
});
