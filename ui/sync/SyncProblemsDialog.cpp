#include "sync/SyncProblemsDialog.h"

#include "contacts/ContactEditDialog.h"
#include "customfields/CustomField.h"
#include "profile/Workspace.h"
#include "sync/SyncProblemsModel.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

SyncProblemsDialog::SyncProblemsDialog(Workspace& workspace, const QString& me, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_problems(std::make_unique<SyncProblems>(workspace.database(), workspace.mutations()))
    , m_model(new SyncProblemsModel(*m_problems, me, this))
    , m_view(new QTableView(this))
    , m_empty(new QLabel(tr("No sync problems. Everything you changed reached the team server as you made it."), this))
    , m_detail(new QLabel(this))
    , m_message(new MessageLabel(this))
    , m_restore(new QPushButton(tr("&Restore Replaced Value"), this))
    , m_keep(new QPushButton(tr("&Keep Current"), this))
    , m_edit(new QPushButton(tr("&Edit and Retry…"), this))
    , m_discard(new QPushButton(tr("&Discard"), this))
{
    setObjectName(QStringLiteral("syncProblemsDialog"));
    setWindowTitle(tr("Sync Problems"));
    m_view->setObjectName(QStringLiteral("syncProblemsView"));
    m_empty->setObjectName(QStringLiteral("syncProblemsEmpty"));
    m_detail->setObjectName(QStringLiteral("syncProblemDetail"));
    m_message->setObjectName(QStringLiteral("syncProblemsMessage"));
    m_restore->setObjectName(QStringLiteral("restoreConflictButton"));
    m_keep->setObjectName(QStringLiteral("keepConflictButton"));
    m_edit->setObjectName(QStringLiteral("retryRejectionButton"));
    m_discard->setObjectName(QStringLiteral("discardRejectionButton"));

    auto* intro = new QLabel(tr("Conflicts: two people changed the same field; the later change was kept and the "
                                "value it replaced is shown here, so nothing is lost. Refused changes: the server "
                                "did not accept a change made on this device, for the reason shown; the record "
                                "shows the server's version again."),
                             this);
    intro->setWordWrap(true);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(SyncProblemsModel::DetailColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setColumnWidth(SyncProblemsModel::KindColumn, 75);
    m_view->setColumnWidth(SyncProblemsModel::RecordColumn, 150);
    m_view->setColumnWidth(SyncProblemsModel::FieldColumn, 100);
    m_view->setColumnWidth(SyncProblemsModel::CurrentColumn, 150);
    m_view->setColumnWidth(SyncProblemsModel::ReplacedColumn, 170);
    m_view->setColumnWidth(SyncProblemsModel::WhenColumn, 125);
    m_view->horizontalHeader()->setSectionResizeMode(SyncProblemsModel::WhenColumn, QHeaderView::ResizeToContents);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SyncProblemsDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SyncProblemsDialog::updateButtons);
    connect(m_model, &SyncProblemsModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_view, &QTableView::doubleClicked, this, [this] {
        if (m_model->isConflict(currentRow()))
            return;
        editSelected();
    });

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setTextFormat(Qt::PlainText);

    m_restore->setToolTip(tr("Write the replaced value back into the record (synced to everyone)."));
    m_keep->setToolTip(tr("Keep the record as it is and remove the conflict from this list (for everyone)."));
    m_edit->setToolTip(tr("Correct the refused change and send it again."));
    m_discard->setToolTip(tr("Give up the refused change; the record stays as the server has it."));
    connect(m_restore, &QPushButton::clicked, this, &SyncProblemsDialog::restoreSelected);
    connect(m_keep, &QPushButton::clicked, this, &SyncProblemsDialog::keepSelected);
    connect(m_edit, &QPushButton::clicked, this, &SyncProblemsDialog::editSelected);
    connect(m_discard, &QPushButton::clicked, this, &SyncProblemsDialog::discardSelected);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_restore);
    actions->addWidget(m_keep);
    actions->addWidget(m_edit);
    actions->addWidget(m_discard);
    actions->addStretch(1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(intro);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_detail);
    layout->addLayout(actions);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(1080, 480);

    updateButtons();
    if (m_model->rowCount() > 0)
        selectRow(0);
}

SyncProblemsDialog::~SyncProblemsDialog() = default;

void SyncProblemsDialog::reload()
{
    const QVariant id = m_model->index(std::max(currentRow(), 0), 0).data(SyncProblemsModel::IdRole);
    const int row = currentRow();
    m_model->reload();
    int select = -1;
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->index(r, 0).data(SyncProblemsModel::IdRole) == id)
            select = r;
    if (select < 0 && m_model->rowCount() > 0)
        select = std::min(std::max(row, 0), m_model->rowCount() - 1);
    if (select >= 0)
        selectRow(select);
    updateButtons();
}

void SyncProblemsDialog::selectRow(int row)
{
    m_view->setCurrentIndex(m_model->index(row, 0));
    m_view->selectRow(row);
}

int SyncProblemsDialog::currentRow() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void SyncProblemsDialog::updateButtons()
{
    const bool any = m_model->rowCount() > 0;
    m_view->setVisible(any);
    m_empty->setVisible(!any);
    const int row = currentRow();
    const SyncConflict* c = m_model->conflictAt(row);
    const SyncRejection* r = m_model->rejectionAt(row);
    m_restore->setEnabled(c && !c->replaced.isUndefined() && !c->replaced.isNull() && !c->recordName.isEmpty());
    m_keep->setEnabled(c != nullptr);
    m_edit->setEnabled(r != nullptr);
    m_discard->setEnabled(r != nullptr);
    m_restore->setVisible(!r);
    m_keep->setVisible(!r);
    m_edit->setVisible(!c);
    m_discard->setVisible(!c);
    if (c) {
        m_detail->setText(tr("%1 — %2: the value now is \"%3\"; it replaced \"%4\". %5")
                              .arg(m_model->index(row, SyncProblemsModel::RecordColumn).data().toString(),
                                   SyncProblemsModel::fieldLabel(c->entity, c->field),
                                   SyncProblemsModel::valueText(c->current), SyncProblemsModel::valueText(c->replaced),
                                   m_model->index(row, SyncProblemsModel::DetailColumn).data().toString()));
    } else if (r) {
        m_detail->setText(tr("%1 (%2) was refused by the server: %3")
                              .arg(SyncProblemsModel::changeLabel(r->name),
                                   m_model->index(row, SyncProblemsModel::RecordColumn).data().toString(), r->message));
    } else {
        m_detail->clear();
    }
    m_detail->setVisible(c || r);
}

void SyncProblemsDialog::resolve(SyncProblems::Resolution resolution)
{
    const SyncConflict* c = m_model->conflictAt(currentRow());
    if (!c)
        return;
    auto m = m_problems->resolveConflict(c->id, resolution);
    if (!m) {
        m_message->showError(m.message());
        return;
    }
    m_message->showMessage(MessageLabel::Kind::Success, resolution == SyncProblems::Resolution::Restore
                                                            ? tr("The replaced value was restored.")
                                                            : tr("The current value was kept."));
    reload();
    emit problemsChanged();
}

void SyncProblemsDialog::restoreSelected()
{
    resolve(SyncProblems::Resolution::Restore);
}

void SyncProblemsDialog::keepSelected()
{
    resolve(SyncProblems::Resolution::Dismiss);
}

void SyncProblemsDialog::discardSelected()
{
    const SyncRejection* r = m_model->rejectionAt(currentRow());
    if (!r)
        return;
    if (Status s = m_problems->discardRejection(r->seq); !s) {
        m_message->showError(s.message());
        return;
    }
    m_message->showMessage(MessageLabel::Kind::Success, tr("The refused change was discarded."));
    reload();
    emit problemsChanged();
}

void SyncProblemsDialog::editSelected()
{
    const SyncRejection* found = m_model->rejectionAt(currentRow());
    if (!found)
        return;
    const SyncRejection r = *found;
    const bool contactEdit = r.name == QLatin1String("contact.update") || r.name == QLatin1String("contact.create");
    if (!contactEdit)
        return openGenericRetry(r);

    // The contact form, starting from the contact as it is now (the server's) with the refused values typed
    // in: saving sends them as a new change.
    Contact current;
    if (r.name == QLatin1String("contact.update")) {
        auto existing = m_workspace.contacts().find(r.entityId);
        if (!existing) {
            m_message->showError(existing.message());
            return;
        }
        if (!existing.value()) {
            m_message->showError(tr("The contact no longer exists, so this change cannot be made again. Discard it."));
            return;
        }
        current = *existing.value();
    }
    QVariantMap original = current.fieldsToJson().toVariantMap();
    original.insert(QStringLiteral("id"), current.id);
    QVariantMap typed = current.fieldsToJson().toVariantMap();
    const QJsonObject values = r.args.value(r.name == QLatin1String("contact.update") ? QStringLiteral("set")
                                                                                       : QStringLiteral("fields"))
                                   .toObject();
    QVariantMap custom; // "custom.<key>" values go to the custom fields tab (ContactEditDialog::formState)
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (it.key().startsWith(CustomField::kPrefix))
            custom.insert(it.key(), it.value().toVariant());
        else
            typed.insert(it.key(), it.value().toString());
    }
    typed.insert(QStringLiteral("custom"), custom);
    ContactEditDialog* dialog = ContactEditDialog::fromFormState(
        m_workspace, {{QStringLiteral("original"), original}, {QStringLiteral("typed"), typed}}, this);
    if (!dialog)
        return;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 seq = r.seq;
    connect(dialog, &ContactEditDialog::saved, this, [this, seq] {
        // The edited change is queued; the refused one is done with.
        if (Status s = m_problems->discardRejection(seq); !s)
            m_message->showError(s.message());
        else
            m_message->showMessage(MessageLabel::Kind::Success, tr("The corrected change will be sent with the next sync."));
        reload();
        emit problemsChanged();
    });
    dialog->open();
}

void SyncProblemsDialog::openGenericRetry(const SyncRejection& r)
{
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("retryChangeDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Edit and Retry — %1").arg(SyncProblemsModel::changeLabel(r.name)));
    auto* reason = new MessageLabel(dialog);
    reason->showMessage(MessageLabel::Kind::Warning, tr("The server refused this change: %1").arg(r.message));
    auto* note = new QLabel(tr("The change's details, as sent. Correct them and retry, or cancel:"), dialog);
    note->setWordWrap(true);
    auto* editor = new QPlainTextEdit(dialog);
    editor->setObjectName(QStringLiteral("retryArgsEdit"));
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setPlainText(QString::fromUtf8(QJsonDocument(r.args).toJson(QJsonDocument::Indented)));
    auto* error = new MessageLabel(dialog);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    QPushButton* retry = buttons->addButton(tr("&Retry"), QDialogButtonBox::AcceptRole);
    retry->setObjectName(QStringLiteral("retryChangeButton"));
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    const qint64 seq = r.seq;
    const QString name = r.name;
    connect(retry, &QPushButton::clicked, dialog, [this, dialog, editor, error, seq, name] {
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(editor->toPlainText().toUtf8(), &parse);
        if (!doc.isObject()) {
            error->showError(tr("The details are not valid JSON: %1").arg(parse.errorString()));
            return;
        }
        auto m = m_problems->retryRejection(seq, name, doc.object());
        if (!m) {
            error->showError(m.message());
            return;
        }
        dialog->accept();
        m_message->showMessage(MessageLabel::Kind::Success, tr("The corrected change will be sent with the next sync."));
        reload();
        emit problemsChanged();
    });
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(reason);
    layout->addWidget(note);
    layout->addWidget(editor, 1);
    layout->addWidget(error);
    layout->addWidget(buttons);
    dialog->resize(560, 400);
    dialog->open();
}

} // namespace outpost
