/**
 * Each section of the analysis page has its own small GET form; the other sections' choices
 * ride along as hidden fields so changing one section does not reset the rest.
 */
export function HiddenParams({ params, except }: { params: Record<string, string | null | undefined>; except: readonly string[] }) {
  return (
    <>
      {Object.entries(params)
        .filter(([key, value]) => !except.includes(key) && value !== null && value !== undefined && value !== "")
        .map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value!} />
        ))}
    </>
  );
}
