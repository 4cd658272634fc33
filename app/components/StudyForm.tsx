import { Form } from "@remix-run/react";
import { useT } from "../utils/i18n";
import { Field, SelectField } from "./Field";

/** Create or edit a study; `intent` tells a route with several forms which one was sent. */
export function StudyForm({
  errors,
  values,
  intent,
}: {
  errors?: Record<string, string>;
  values?: Record<string, string | null | undefined>;
  intent?: string;
}) {
  const t = useT();
  return (
    <Form method="post" className="stack">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <Field label={t("studies.studyTitle")} name="title" id={`${intent ?? "study"}-title`} defaultValue={values?.title ?? ""} error={errors?.title} required />
      <SelectField
        label={t("field.kind")}
        name="kind"
        defaultValue={values?.kind ?? "quantitative"}
        error={errors?.kind}
        options={(["quantitative", "qualitative", "mixed"] as const).map((k) => ({ value: k, label: t(`studyKind.${k}`) }))}
      />
      <Field label={t("studies.customerCode")} name="organisation_code" id={`${intent ?? "study"}-organisation_code`} defaultValue={values?.organisation_code ?? ""} error={errors?.organisation_code} />
      <Field label={t("studies.startsOn")} name="starts_on" id={`${intent ?? "study"}-starts_on`} type="date" defaultValue={values?.starts_on ?? ""} error={errors?.starts_on} />
      <Field label={t("studies.endsOn")} name="ends_on" id={`${intent ?? "study"}-ends_on`} type="date" defaultValue={values?.ends_on ?? ""} error={errors?.ends_on} />
      <Field label={t("studies.description")} name="description" id={`${intent ?? "study"}-description`} defaultValue={values?.description ?? ""} error={errors?.description} />
      <button type="submit" className="primary">
        {t("common.save")}
      </button>
    </Form>
  );
}
