/** A service's icon, or its initial on the platform's accent colour. */
export function ServiceIcon({ name, iconUrl }: { name: string; iconUrl: string | null }) {
  if (iconUrl) return <img className="service-icon" src={iconUrl} alt="" />;
  return (
    <span className="service-icon" aria-hidden="true">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
