import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Cell, Column, Dialog, Heading, Modal, ModalOverlay, Row, Table, TableBody, TableHeader } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { Pager } from "../../accounts/client/pager.tsx";
import { listOutbox } from "../shared/contract.ts";

const PAGE_SIZE = 50; // the server's page size for the outbox

/** Deployment operator: mails kept (no SMTP configured), sent or failed. */
export function OutboxPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  const [to, setTo] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const q = useQuery({ queryKey: ["outbox", page, to], queryFn: () => api(listOutbox, { query: { page, to: to || undefined } }), placeholderData: keepPreviousData });
  const open = q.data?.items.find((m) => m.id === openId);
  return (
    <>
      <PageTitle>{t("ui.outbox.title")}</PageTitle>
      <p className="lead">{t("ui.outbox.intro")}</p>
      <div className="filters">
        <Field
          name="to"
          type="search"
          label={t("ui.outbox.filterTo")}
          value={to}
          onChange={(v) => {
            setTo(v);
            setPage(1);
          }}
        />
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t("ui.outbox.empty")}>
          <p>{t("ui.outbox.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <Table aria-label={t("ui.outbox.title")} className="table" onRowAction={(k) => setOpenId(String(k))}>
              <TableHeader>
                <Column isRowHeader>{t("ui.outbox.subject")}</Column>
                <Column>{t("ui.outbox.to")}</Column>
                <Column>{t("ui.outbox.platform")}</Column>
                <Column>{t("ui.outbox.status")}</Column>
                <Column>{t("ui.outbox.date")}</Column>
              </TableHeader>
              <TableBody items={q.data.items}>
                {(m) => (
                  <Row id={m.id} className="row-action">
                    <Cell>
                      <span className="link-like">{m.subject}</span>
                    </Cell>
                    <Cell>{m.to}</Cell>
                    <Cell>{m.platform}</Cell>
                    <Cell>
                      <span className={`badge badge-${m.status === "failed" ? "error" : m.status === "sent" ? "ok" : "neutral"}`}>{t(`ui.outbox.statuses.${m.status}`)}</span>
                    </Cell>
                    <Cell>
                      <FormattedDate value={m.createdAt} dateStyle="short" timeStyle="short" />
                    </Cell>
                  </Row>
                )}
              </TableBody>
            </Table>
          </div>
          <Pager page={page} pageSize={PAGE_SIZE} total={q.data.total} onChange={setPage} />
        </>
      )}
      <ModalOverlay className="modal-overlay" isDismissable isOpen={!!open} onOpenChange={(o) => !o && setOpenId(null)}>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            {({ close }) =>
              open && (
                <>
                  <div className="dialog-head">
                    <Heading slot="title">{open.subject}</Heading>
                    <Button className="btn btn-quiet btn-icon" onPress={close} aria-label={t("ui.common.close")}>
                      <span aria-hidden="true">✕</span>
                    </Button>
                  </div>
                  <dl className="meta">
                    <dt>{t("ui.outbox.to")}</dt>
                    <dd>{open.to}</dd>
                    <dt>{t("ui.outbox.platform")}</dt>
                    <dd>{open.platform}</dd>
                    <dt>{t("ui.outbox.date")}</dt>
                    <dd>
                      <FormattedDate value={open.createdAt} dateStyle="long" timeStyle="short" />
                    </dd>
                    <dt>{t("ui.outbox.status")}</dt>
                    <dd>{t(`ui.outbox.statuses.${open.status}`)}</dd>
                  </dl>
                  {open.error && (
                    <div className="alert alert-error" role="alert">
                      {open.error}
                    </div>
                  )}
                  <pre className="mail-text">{open.text}</pre>
                </>
              )
            }
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}
