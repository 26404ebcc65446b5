from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "hocvuso.privacy"
    label = "privacy"
    verbose_name = "Dữ liệu cá nhân"

    def ready(self):
        from hocvuso.accounts.permissions import answers_for_members_of
        from hocvuso.teams.member_links import MemberLink, register_member_link

        register_member_link(
            MemberLink(
                "Dữ liệu cá nhân",
                "privacy:member",
                lambda user, member: answers_for_members_of(user, member.commune_id),
            )
        )
