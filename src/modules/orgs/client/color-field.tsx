import { useId, useState } from "react";
import { Checkbox } from "react-aria-components";
import { useT } from "../../../web/i18n.tsx";

const HEX = /^#[0-9a-fA-F]{6}$/;

/**
 * A colour: the browser's colour picker and the same value as text (#rrggbb), kept in sync.
 * With `inherit`, a checkbox sends an empty value (null: the node inherits its parent's colour).
 */
export function ColorField({ name, label, initial, inherit, error }: { name: string; label: string; initial: string | null; inherit?: string; error?: string }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(initial ?? "#1d4ed8");
  const [inherited, setInherited] = useState(inherit !== undefined && initial === null);
  const valid = HEX.test(text);
  const helpId = `${id}-help`;
  const errId = `${id}-err`;
  return (
    <fieldset className="fieldset color-field">
      <legend>{label}</legend>
      {inherit !== undefined && (
        <Checkbox className="checkbox" isSelected={inherited} onChange={setInherited}>
          <span className="checkbox-box" aria-hidden="true" />
          {inherit}
        </Checkbox>
      )}
      <div className="color-inputs">
        <label className="color-swatch-input">
          <span className="visually-hidden">{t("ui.orgs.colorPicker")}</span>
          <input type="color" value={valid ? text.toLowerCase() : "#000000"} onChange={(e) => setText(e.target.value)} disabled={inherited} />
        </label>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t("ui.orgs.colorHex")}</label>
          <input
            id={`${id}-text`}
            name={inherited ? undefined : name}
            value={inherited ? "" : text}
            onChange={(e) => setText(e.target.value.trim())}
            disabled={inherited}
            className="input-mono"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!inherited && (!valid || !!error) ? true : undefined}
            aria-describedby={`${helpId}${error ? ` ${errId}` : ""}`}
          />
        </div>
      </div>
      <p id={helpId} className="field-help">
        {t("ui.orgs.colorHelp")}
      </p>
      {error && (
        <p id={errId} className="field-error">
          {error}
        </p>
      )}
      {inherited && <input type="hidden" name={name} value="" />}
    </fieldset>
  );
}
