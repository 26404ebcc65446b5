"""On PostgreSQL, the sign-in log refuses UPDATE and DELETE in the database itself.

Only the retention purge deletes rows, within a transaction that says so (`SET LOCAL
hocvuso.purging = 'on'`, see core's purge_audit_log); a deleted account's rows lose their link
to it (ON DELETE SET NULL) and nothing else. SQLite has no such guard: the model refuses there.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION accounts_signinevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('hocvuso.purging', true) = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'Nhật ký đăng nhập không được xóa.';
    END IF;
    IF NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.kind = OLD.kind
            AND NEW.username = OLD.username
            AND NEW.ip_address IS NOT DISTINCT FROM OLD.ip_address
            AND (NEW.user_id IS NULL OR NEW.user_id = OLD.user_id)
            AND (NEW.by_id IS NULL OR NEW.by_id = OLD.by_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Nhật ký đăng nhập chỉ được thêm, không được sửa.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_signinevent_append_only
    BEFORE UPDATE OR DELETE ON accounts_signinevent
    FOR EACH ROW EXECUTE FUNCTION accounts_signinevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS accounts_signinevent_append_only ON accounts_signinevent;
DROP FUNCTION IF EXISTS accounts_signinevent_append_only();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_sign_in_events")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
