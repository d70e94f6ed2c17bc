/** The interest form's first part: who applies, where, and in which role. */
import { Field, FieldErrorText } from "~/components/Field";
import { RegionMrcPicker } from "~/components/RegionMrcPicker";
import { useT } from "~/utils/i18n-react";
import { textOf, type ApplyFields } from "./fields";

export function ContactSection({ fields }: { fields: ApplyFields }) {
  const { t } = useT();
  return (
    <fieldset>
      <legend>{t("apply.sections.contact")}</legend>
      <Field
        field={fields.email!}
        type="email"
        label={t("apply.fields.email")}
        autoComplete="email"
        required
      />
      <Field
        field={fields.organizationName!}
        label={t("organization.name")}
        autoComplete="organization"
        required
      />
      <div className="field-row">
        <Field
          field={fields.contactName!}
          label={t("apply.fields.contactName")}
          hint={t("apply.fields.contactNameHint")}
          autoComplete="name"
          required
        />
        <Field
          field={fields.contactEmail!}
          type="email"
          label={t("apply.fields.contactEmail")}
          required
        />
      </div>
      <RegionMrcPicker
        defaultRegion={textOf(fields.region)}
        defaultMrc={textOf(fields.mrc)}
        errors={{ region: fields.region?.errors?.[0], mrc: fields.mrc?.errors?.[0] }}
      />
      <div className="field-row">
        <Field
          field={fields.sector!}
          label={t("organization.sector")}
          hint={t("organization.sectorHint")}
          required
        />
        <Field field={fields.field!} label={t("apply.fields.field")} />
      </div>
    </fieldset>
  );
}

export function RoleSection({ fields }: { fields: ApplyFields }) {
  const { t } = useT();
  const error = fields.role?.errors?.[0];
  const chosen = textOf(fields.role);
  return (
    <fieldset
      className={error ? "field--invalid" : undefined}
      aria-describedby={error ? "field-role-error" : undefined}
    >
      <legend>{t("apply.fields.role")} *</legend>
      {(["mentee", "mentor", "peer"] as const).map((role) => (
        <div className="checkbox" key={role}>
          <input
            type="radio"
            id={`role-${role}`}
            name="role"
            value={role}
            defaultChecked={chosen === role}
          />
          <label htmlFor={`role-${role}`}>
            <strong>{t(`roles.${role}`)}</strong> — {t(`apply.roleHints.${role}`)}
          </label>
        </div>
      ))}
      <FieldErrorText id="field-role" error={error} />
    </fieldset>
  );
}
