import { defineErrors } from "../../kernel/errors.js";

/** Errors of sign-in and accounts. */
export const IdentityErrors = defineErrors({
  SIGN_IN_FAILED: { status: 401, vi: "Đăng nhập không thành công.", en: "Sign-in failed." },
  // 424 Failed Dependency: the sign-in depends on a request to the identity provider, which failed.
  SIGN_IN_PROVIDER_UNREACHABLE: {
    status: 424,
    vi: "Chưa kết nối được với hệ thống định danh để đăng nhập. Vui lòng thử lại sau; nếu vẫn lỗi, hãy báo quản trị viên kiểm tra địa chỉ và cổng của máy chủ.",
    en: "The identity provider for sign-in cannot be reached. Please retry later; if it persists, ask the administrator to check the server's address and port.",
  },
});
