#include "segments/SegmentsPage.h"

#include "contacts/ContactRepository.h"
#include "importexport/BackgroundJob.h"
#include "importexport/ExportDialog.h"
#include "importexport/ProgressPanel.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "segments/SegmentBulkEditDialog.h"
#include "segments/SegmentContactsModel.h"
#include "segments/SegmentCounter.h"
#include "segments/SegmentListModel.h"
#include "segments/SegmentRuleEditor.h"
#include "theme/ThemedIcon.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

namespace {

QPushButton* button(const QString& text, const QString& objectName, QWidget* parent, const QString& icon = {})
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    if (!icon.isEmpty())
        b->setIcon(themedIcon(icon));
    return b;
}

QJsonObject starterFilter()
{
    return QJsonObject{{QStringLiteral("match"), QStringLiteral("all")},
                       {QStringLiteral("rules"), QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("city")},
                                                                        {QStringLiteral("op"), QStringLiteral("equals")},
                                                                        {QStringLiteral("value"), QString()}}}}};
}

} // namespace

SegmentsPage::SegmentsPage(Workspace& workspace, QWidget* parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_repository(std::make_unique<ContactRepository>(workspace.database()))
    , m_list(new SegmentListModel(workspace.database(), this))
    , m_contacts(new SegmentContactsModel(workspace.database(), this))
    , m_counter(new SegmentCounter(workspace.database(), this))
    , m_listView(new QListView(this))
    , m_name(new QLineEdit(this))
    , m_editor(new SegmentRuleEditor(this))
    , m_count(new QLabel(this))
    , m_message(new MessageLabel(this))
    , m_table(new QTableView(this))
    , m_tableState(new QLabel(m_table->viewport()))
    , m_save(button(tr("&Save"), QStringLiteral("segmentSave"), this))
    , m_rename(button(tr("Rename…"), QStringLiteral("segmentRename"), this, QStringLiteral("edit")))
    , m_delete(button(tr("Delete…"), QStringLiteral("segmentDelete"), this, QStringLiteral("delete")))
    , m_export(button(tr("E&xport…"), QStringLiteral("segmentExport"), this, QStringLiteral("export")))
    , m_bulk(button(tr("&Bulk Edit…"), QStringLiteral("segmentBulkEdit"), this, QStringLiteral("edit")))
    , m_undo(button(tr("&Undo Bulk Edit"), QStringLiteral("segmentUndoBulkEdit"), this, QStringLiteral("undo")))
    , m_undoProgress(new ProgressPanel(this))
    , m_undoJob(new BackgroundJob(workspace.database(), this))
    , m_newAction(new QAction(themedIcon(QStringLiteral("add")), tr("New &Segment"), this))
{
    setObjectName(QStringLiteral("segmentsPage"));
    m_listView->setObjectName(QStringLiteral("segmentList"));
    m_name->setObjectName(QStringLiteral("segmentName"));
    m_count->setObjectName(QStringLiteral("segmentCount"));
    m_table->setObjectName(QStringLiteral("segmentContacts"));
    m_message->setObjectName(QStringLiteral("segmentMessage"));
    m_newAction->setObjectName(QStringLiteral("actionNewSegment"));
    m_newAction->setStatusTip(tr("Start a new saved filter of contacts"));

    // Left: the saved segments.
    m_listView->setModel(m_list);
    m_listView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* newButton = button(tr("New"), QStringLiteral("segmentNew"), this, QStringLiteral("add"));
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(newButton);
    listButtons->addWidget(m_rename);
    listButtons->addWidget(m_delete);
    auto* listTitle = new QLabel(tr("Saved segments"), this);
    QFont bold = listTitle->font();
    bold.setBold(true);
    listTitle->setFont(bold);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(10, 10, 4, 10);
    leftLayout->addWidget(listTitle);
    leftLayout->addWidget(m_listView, 1);
    leftLayout->addLayout(listButtons);

    // Right: name, rules, count, actions, the matching contacts.
    m_name->setPlaceholderText(tr("Segment name"));
    m_name->setMaxLength(200);
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(new QLabel(tr("&Name:"), this));
    qobject_cast<QLabel*>(nameRow->itemAt(0)->widget())->setBuddy(m_name);
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_save);
    auto* rulesArea = new QScrollArea(this);
    rulesArea->setObjectName(QStringLiteral("segmentRulesArea"));
    rulesArea->setWidgetResizable(true);
    rulesArea->setFrameShape(QFrame::NoFrame);
    rulesArea->setWidget(m_editor);
    QFont countFont = m_count->font();
    countFont.setBold(true);
    m_count->setFont(countFont);
    auto* actionRow = new QHBoxLayout;
    actionRow->addWidget(m_count, 1);
    actionRow->addWidget(m_export);
    actionRow->addWidget(m_bulk);
    actionRow->addWidget(m_undo);
    m_undoProgress->setCancellable(true);
    m_undoProgress->hide();

    m_table->setModel(m_contacts);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(SegmentContactsModel::NameColumn, 200);
    m_table->horizontalHeader()->resizeSection(SegmentContactsModel::EmailColumn, 220);
    m_table->horizontalHeader()->resizeSection(SegmentContactsModel::CityColumn, 130);
    m_tableState->setObjectName(QStringLiteral("segmentContactsState"));
    m_tableState->setAlignment(Qt::AlignCenter);
    m_tableState->setWordWrap(true);
    m_tableState->setTextFormat(Qt::PlainText);
    m_tableState->setForegroundRole(QPalette::PlaceholderText);
    m_tableState->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_tableState->hide();
    m_table->viewport()->installEventFilter(this);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(6, 10, 10, 4);
    topLayout->addLayout(nameRow);
    topLayout->addWidget(rulesArea, 1);
    topLayout->addWidget(m_message);
    topLayout->addLayout(actionRow);
    topLayout->addWidget(m_undoProgress);
    auto* rightSplitter = new QSplitter(Qt::Vertical, this);
    rightSplitter->addWidget(top);
    rightSplitter->addWidget(m_table);
    rightSplitter->setStretchFactor(0, 3);
    rightSplitter->setStretchFactor(1, 2);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("segmentSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(rightSplitter);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_newAction, &QAction::triggered, this, [this] {
        emit activationRequested();
        newSegment();
    });
    connect(newButton, &QPushButton::clicked, this, &SegmentsPage::newSegment);
    connect(m_save, &QPushButton::clicked, this, &SegmentsPage::save);
    connect(m_rename, &QPushButton::clicked, this, &SegmentsPage::renameSelected);
    connect(m_delete, &QPushButton::clicked, this, &SegmentsPage::deleteSelected);
    connect(m_export, &QPushButton::clicked, this, &SegmentsPage::exportContacts);
    connect(m_bulk, &QPushButton::clicked, this, &SegmentsPage::bulkEdit);
    connect(m_undo, &QPushButton::clicked, this, &SegmentsPage::undoBulkEdit);
    connect(m_name, &QLineEdit::textEdited, this, &SegmentsPage::updateButtons);
    connect(m_editor, &SegmentRuleEditor::changed, this, &SegmentsPage::rulesChanged);
    connect(m_counter, &SegmentCounter::counted, this, &SegmentsPage::counted);
    connect(m_counter, &SegmentCounter::failed, this, &SegmentsPage::countFailed);
    connect(m_list, &SegmentListModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_contacts, &SegmentContactsModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_contacts, &SegmentContactsModel::loadingChanged, this, &SegmentsPage::updateTableState);
    connect(m_contacts, &QAbstractItemModel::modelReset, this, &SegmentsPage::updateTableState);
    connect(m_listView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (const Segment* s = m_list->segmentAt(current.row()); s && s->id != m_currentId)
            showSegment(s->id);
    });
    connect(m_undoProgress, &ProgressPanel::cancelRequested, this, [this] {
        m_undoProgress->setCancelling();
        m_undoJob->cancel();
    });
    connect(m_undoJob, &BackgroundJob::progress, m_undoProgress, &ProgressPanel::setProgress);
    connect(m_undoJob, &BackgroundJob::finished, this, &SegmentsPage::undoFinished);
    connect(&workspace.mutations(), &MutationEngine::changed, this, &SegmentsPage::onEntitiesChanged);

    if (m_list->rowCount() > 0)
        m_listView->setCurrentIndex(m_list->index(0));
    else
        newSegment();
}

SegmentsPage::~SegmentsPage()
{
    m_undoJob->cancel();
    m_undoJob->wait();
}

QList<QAction*> SegmentsPage::newActions() const
{
    return {m_newAction};
}

QString SegmentsPage::summary() const
{
    return tr("%Ln segment(s)", nullptr, m_list->rowCount());
}

bool SegmentsPage::isBusy() const
{
    return m_undoJob->isRunning() || (m_bulkDialog && m_bulkDialog->isBusy());
}

QString SegmentsPage::busyMessage() const
{
    return tr("A bulk edit of a segment's contacts is running. Cancel it or wait for it to finish.");
}

SegmentBulkEditDialog* SegmentsPage::bulkEditDialog() const
{
    return m_bulkDialog;
}

bool SegmentsPage::selectSegment(const QString& id)
{
    const int row = m_list->rowOf(id);
    if (row < 0)
        return false;
    m_listView->setCurrentIndex(m_list->index(row));
    return true;
}

void SegmentsPage::showSegment(const QString& id)
{
    QSqlDatabase conn = m_workspace.database().connection();
    auto fields = SegmentFields::forDatabase(conn);
    auto segment = Segments::find(conn, id);
    if (!fields || !segment || !segment->has_value()) {
        m_message->showError(!fields ? fields.message() : !segment ? segment.message() : tr("The segment no longer exists."));
        return;
    }
    m_message->clearMessage();
    m_currentId = id;
    m_saved = true;
    m_name->setText(segment->value().name);
    m_editor->setFields(fields.value());
    m_editor->setFilter(segment->value().definition); // emits changed(): counts
}

void SegmentsPage::newSegment()
{
    QSqlDatabase conn = m_workspace.database().connection();
    auto fields = SegmentFields::forDatabase(conn);
    if (!fields) {
        m_message->showError(fields.message());
        return;
    }
    m_message->clearMessage();
    m_listView->clearSelection();
    m_listView->setCurrentIndex({});
    m_currentId = newUuidV7();
    m_saved = false;
    m_name->setText(tr("New segment"));
    m_editor->setFields(fields.value());
    m_editor->setFilter(starterFilter());
    m_name->setFocus();
    m_name->selectAll();
}

void SegmentsPage::rulesChanged()
{
    auto sql = SegmentFilter::compile(m_editor->filter(), m_workspace.clock().nowMs(), m_editor->fields());
    m_matches = -1;
    if (!sql) {
        m_sql.reset();
        m_counter->cancel();
        m_count->setText(tr("Complete the rules to see how many contacts match."));
        m_count->setToolTip(sql.message());
    } else {
        m_sql = sql.value();
        m_count->setText(tr("Counting…"));
        m_count->setToolTip(QString());
        m_counter->request(sql.value());
    }
    m_contacts->setSegment(m_sql); // its first page, on a worker
    updateButtons();
}

void SegmentsPage::counted(qint64 n)
{
    m_matches = n;
    m_count->setText(tr("Matching contacts: %1").arg(QLocale().toString(n)));
    updateButtons();
}

void SegmentsPage::countFailed(const QString& message)
{
    m_count->setText(tr("Could not count the contacts."));
    m_message->showError(message);
}

void SegmentsPage::updateButtons()
{
    const bool busy = isBusy();
    m_save->setEnabled(m_sql.has_value() && !m_name->text().trimmed().isEmpty() && !busy);
    m_rename->setEnabled(m_saved && !busy);
    m_delete->setEnabled(m_saved && !busy);
    m_export->setEnabled(m_sql.has_value());
    m_bulk->setEnabled(m_sql.has_value() && !busy);
    m_undo->setEnabled(m_lastBulkEdit.has_value() && !busy);
}

bool SegmentsPage::save()
{
    auto m = m_workspace.mutations().submit(QStringLiteral("segment.save"),
                                            {{QStringLiteral("id"), m_currentId},
                                             {QStringLiteral("name"), m_name->text().trimmed()},
                                             {QStringLiteral("definition"), m_editor->filter()}});
    if (!m) {
        m_message->showError(m.message());
        return false;
    }
    m_saved = true;
    m_message->showMessage(MessageLabel::Kind::Success, tr("Saved."));
    selectSegment(m_currentId);
    updateButtons();
    return true;
}

void SegmentsPage::renameSelected()
{
    QSqlDatabase conn = m_workspace.database().connection();
    auto current = Segments::find(conn, m_currentId);
    if (!current || !current->has_value())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Segment"), tr("New name:"), QLineEdit::Normal,
                                               current->value().name, &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    auto m = m_workspace.mutations().submit(QStringLiteral("segment.save"),
                                            {{QStringLiteral("id"), m_currentId},
                                             {QStringLiteral("name"), name.trimmed()},
                                             {QStringLiteral("definition"), current->value().definition}});
    if (!m) {
        m_message->showError(m.message());
        return;
    }
    m_name->setText(name.trimmed());
}

void SegmentsPage::deleteSelected()
{
    if (!m_saved)
        return;
    const auto answer = QMessageBox::question(this, tr("Delete Segment"),
                                              tr("Delete the segment \u201c%1\u201d? Its contacts are not touched.")
                                                  .arg(m_name->text()));
    if (answer != QMessageBox::Yes)
        return;
    auto m = m_workspace.mutations().submit(QStringLiteral("segment.delete"), {{QStringLiteral("id"), m_currentId}});
    if (!m) {
        m_message->showError(m.message());
        return;
    }
    if (m_list->rowCount() > 0)
        m_listView->setCurrentIndex(m_list->index(0));
    else
        newSegment();
}

void SegmentsPage::exportContacts()
{
    if (!m_sql)
        return;
    ExportDialog::Scope scope;
    scope.segment = m_sql;
    scope.segmentName = m_name->text().trimmed();
    scope.matches = m_matches;
    auto all = m_repository->count();
    scope.all = all ? all.value() : -1;
    auto* dialog = new ExportDialog(m_workspace, scope, this);
    dialog->setObjectName(QStringLiteral("segmentExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExportDialog::busyChanged, this, &Page::busyChanged);
    dialog->open();
}

void SegmentsPage::bulkEdit()
{
    if (!m_sql || m_bulkDialog)
        return;
    m_bulkDialog = new SegmentBulkEditDialog(m_workspace, *m_sql, m_name->text().trimmed(), m_matches, this);
    m_bulkDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_bulkDialog->job(), &BackgroundJob::runningChanged, this, &Page::busyChanged); // a lock waits for it
    connect(m_bulkDialog, &SegmentBulkEditDialog::applied, this, [this](const SegmentBulkEdit::Outcome& outcome) {
        m_lastBulkEdit = outcome;
        m_message->showMessage(MessageLabel::Kind::Success,
                               tr("%Ln contact(s) changed. Undo Bulk Edit puts them back.", nullptr,
                                  int(outcome.changes.size())));
        updateButtons();
    });
    m_bulkDialog->open();
}

void SegmentsPage::undoBulkEdit()
{
    if (!m_lastBulkEdit || m_undoJob->isRunning())
        return;
    auto result = std::make_shared<Result<SegmentBulkEdit::Outcome>>(Error(ErrorCode::Unknown, QString()));
    m_undoResult = result;
    m_undoProgress->reset();
    m_undoProgress->setCancellable(true);
    m_undoProgress->setStatus(tr("Undoing the bulk edit…"));
    m_undoProgress->show();
    MutationEngine* engine = &m_workspace.mutations();
    BackgroundJob* job = m_undoJob;
    m_undoJob->start([engine, job, result, done = *m_lastBulkEdit] {
        SegmentBulkEdit::Options o;
        o.cancel = job->cancelFlag();
        o.progress = [job](qint64 n, qint64 total) { job->reportProgress(n, total); };
        *result = SegmentBulkEdit::undo(*engine, done, o);
    });
    updateButtons();
    emit busyChanged(true);
}

void SegmentsPage::undoFinished()
{
    m_undoProgress->hide();
    const Result<SegmentBulkEdit::Outcome> result = *m_undoResult;
    if (!result) {
        m_message->showMessage(result.code() == ErrorCode::Cancelled ? MessageLabel::Kind::Warning : MessageLabel::Kind::Error,
                               result.message());
    } else {
        m_lastBulkEdit.reset();
        m_message->showMessage(MessageLabel::Kind::Success,
                               result->skipped > 0
                                   ? tr("Bulk edit undone; %Ln contact(s) changed since were left as they are.", nullptr,
                                        int(result->skipped))
                                   : tr("Bulk edit undone."));
    }
    updateButtons();
    emit busyChanged(false);
}

void SegmentsPage::onEntitiesChanged(const EntityChanges& changes)
{
    bool segments = false;
    bool contacts = false;
    for (const EntityChange& c : changes) {
        segments = segments || c.entity == QLatin1String("segment");
        contacts = contacts || c.entity == QLatin1String("contact") || c.entity == QLatin1String("customfield");
    }
    if (segments) {
        m_list->reload();
        const int row = m_list->rowOf(m_currentId);
        if (row >= 0) {
            const QSignalBlocker block(m_listView->selectionModel());
            m_listView->setCurrentIndex(m_list->index(row));
        }
        emit summaryChanged(summary());
    }
    if (contacts && m_sql) {
        m_matches = -1;
        m_count->setText(tr("Counting…"));
        m_counter->request(*m_sql);
        m_contacts->setSegment(m_sql);
    }
}

void SegmentsPage::updateTableState()
{
    QString text;
    if (m_contacts->isLoading())
        text = tr("Loading the matching contacts…");
    else if (m_contacts->firstPageFailed())
        text = tr("The matching contacts could not be read.");
    else if (m_sql && m_contacts->rowCount() == 0)
        text = tr("No contacts match these rules.");
    m_tableState->setText(text);
    m_tableState->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
    m_tableState->setVisible(!text.isEmpty());
}

bool SegmentsPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        m_tableState->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
    return Page::eventFilter(watched, event);
}

} // namespace outpost
