"""Password rules that speak Vietnamese.

Django's Vietnamese catalogue lacks the message of its minimum-length rule as Django 5.2
words it, so a short password would be refused in English; this rule says it in Vietnamese.
"""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self):
        return f"Mật khẩu cần ít nhất {self.min_length} ký tự."
