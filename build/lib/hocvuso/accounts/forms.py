"""The password forms, labelled as the pages say them."""

from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm

NEW = "Mật khẩu mới"
AGAIN = "Nhập lại mật khẩu mới"


class NewPasswordForm(SetPasswordForm):
    """The new password twice, checked by the project's validators (settings)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = NEW
        self.fields["new_password2"].label = AGAIN
        self.fields[
            "new_password1"
        ].help_text = "Ít nhất 8 ký tự; không dùng mật khẩu quá phổ biến."


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu đang dùng"
        self.fields["new_password1"].label = NEW
        self.fields["new_password2"].label = AGAIN
        self.fields[
            "new_password1"
        ].help_text = "Ít nhất 8 ký tự; không dùng mật khẩu quá phổ biến."


class ForgottenPasswordForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email của tài khoản"
        self.fields["email"].error_messages["invalid"] = (
            "Email không hợp lệ (ví dụ ten@example.vn)."
        )
