import { useT } from "~/utils/i18n-react";

function size(bytes: number) {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} Mo` : `${Math.ceil(bytes / 1024)} ko`;
}

/** A tool's link and file download (served by the file route, only to those who may see it). */
export function ToolLinks({
  programPath,
  tool,
}: {
  programPath: string;
  tool: {
    id: string;
    title: string;
    url: string | null;
    file: { name: string; size: number } | null;
  };
}) {
  const { t } = useT();
  return (
    <p>
      {tool.url ? (
        <a href={tool.url} rel="noopener noreferrer nofollow" target="_blank">
          {t("tools.openLink", { title: tool.title })}
        </a>
      ) : null}
      {tool.url && tool.file ? " · " : null}
      {tool.file ? (
        <a href={`${programPath}/tools/${tool.id}/file`} download>
          {t("tools.download", { name: tool.file.name, size: size(tool.file.size) })}
        </a>
      ) : null}
    </p>
  );
}
