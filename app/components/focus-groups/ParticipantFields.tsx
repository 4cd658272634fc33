import { CheckboxField, Field, SelectField } from "../Field";
import { AGE_BANDS } from "../../domain/survey/designer/blocks";
import { attributeLines } from "../../domain/focus-groups";
import { useT } from "../../utils/i18n";

export interface ParticipantValues {
  sex: string | null;
  age_band: string | null;
  territory_id: number | null;
  occupation: string | null;
  attributes: Record<string, string>;
  screener: Record<string, string>;
  form_version: string | null;
  given_on: string | null;
  recording: boolean | null;
  quoting: boolean | null;
  sharing: boolean | null;
}

/**
 * A participant's attributes and consent, for the add form and each participant's edit form;
 * `prefix` keeps the ids of several forms on one page apart.
 */
export function ParticipantFields({ prefix, territories, errors, values }: { prefix: string; territories: Array<{ id: number; name: string }>; errors?: Record<string, string>; values?: ParticipantValues }) {
  const t = useT();
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <div className="cards two">
      <div className="stack">
        <SelectField id={id("sex")} label={t("fg.sex")} name="sex" defaultValue={values?.sex ?? ""} options={[{ value: "", label: "—" }, { value: "female", label: t("fg.sex.female") }, { value: "male", label: t("fg.sex.male") }]} />
        <SelectField id={id("age")} label={t("fg.ageBand")} name="ageBand" defaultValue={values?.age_band ?? ""} options={[{ value: "", label: "—" }, ...AGE_BANDS.map((a) => ({ value: a, label: a }))]} />
        <SelectField
          id={id("territory")}
          label={t("fg.territory")}
          name="territoryId"
          defaultValue={values?.territory_id ? String(values.territory_id) : ""}
          options={[{ value: "", label: "—" }, ...territories.map((tr) => ({ value: String(tr.id), label: tr.name }))]}
        />
        <Field id={id("occupation")} label={t("fg.occupation")} name="occupation" defaultValue={values?.occupation ?? ""} error={errors?.occupation} maxLength={200} />
        <div className={`field${errors?.attributes ? " has-error" : ""}`}>
          <label htmlFor={id("attributes")}>{t("fg.freeAttributes")}</label>
          <textarea id={id("attributes")} name="attributes" rows={3} defaultValue={values ? attributeLines(values.attributes) : ""} placeholder={t("fg.freeAttributesPlaceholder")} aria-describedby={id("attributes-hint")} />
          <small id={id("attributes-hint")}>{t("fg.linesHint")}</small>
          {errors?.attributes ? <small className="error">{errors.attributes}</small> : null}
        </div>
        <div className={`field${errors?.screener ? " has-error" : ""}`}>
          <label htmlFor={id("screener")}>{t("fg.screener")}</label>
          <textarea id={id("screener")} name="screener" rows={3} defaultValue={values ? attributeLines(values.screener) : ""} placeholder={t("fg.screenerPlaceholder")} />
          {errors?.screener ? <small className="error">{errors.screener}</small> : null}
        </div>
      </div>
      <fieldset className="stack">
        <legend>{t("fg.consent")}</legend>
        <Field id={id("form")} label={t("fg.consentForm")} name="consentFormVersion" defaultValue={values?.form_version ?? ""} error={errors?.["consent.formVersion"]} required maxLength={60} placeholder="v1-2026" />
        <Field id={id("date")} label={t("fg.consentDate")} name="consentGivenOn" type="date" defaultValue={values?.given_on ?? ""} error={errors?.["consent.givenOn"]} required />
        <CheckboxField label={t("fg.scope.recording")} name="consentRecording" defaultChecked={values?.recording ?? true} />
        <CheckboxField label={t("fg.scope.quoting")} name="consentQuoting" defaultChecked={values?.quoting ?? true} />
        <CheckboxField label={t("fg.scope.sharing")} name="consentSharing" defaultChecked={values?.sharing ?? false} />
        {values ? null : (
          <details>
            <summary>{t("fg.identity")}</summary>
            <p className="note">{t("fg.identityNote")}</p>
            <Field id={id("name")} label={t("fg.identityName")} name="identityName" maxLength={200} autoComplete="off" />
            <Field id={id("contact")} label={t("fg.identityContact")} name="identityContact" maxLength={200} autoComplete="off" />
          </details>
        )}
      </fieldset>
    </div>
  );
}
