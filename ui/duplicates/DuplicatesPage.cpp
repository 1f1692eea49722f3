#include "duplicates/DuplicatesPage.h"

#include "duplicates/DuplicateContacts.h"
#include "duplicates/DuplicatePairModel.h"
#include "duplicates/MergeDialog.h"
#include "profile/Workspace.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <algorithm>
#include <limits>
#include <QAction>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

namespace {

int clampToInt(qint64 n)
{
    return static_cast<int>(std::clamp<qint64>(n, 0, std::numeric_limits<int>::max()));
}

} // namespace

DuplicatesPage::DuplicatesPage(Workspace& workspace, QWidget* parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_model(new DuplicatePairModel(workspace.database(), this))
    , m_scanButton(new QPushButton(themedIcon(QStringLiteral("search")), tr("Find Duplicates"), this))
    , m_minScore(new QSpinBox(this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
    , m_reviewButton(new QPushButton(tr("Review and Merge\u2026"), this))
    , m_mergeAllButton(new QPushButton(this))
    , m_undoButton(new QPushButton(tr("Undo Last Merge"), this))
    , m_message(new MessageLabel(this))
    , m_table(new QTableView(this))
    , m_emptyState(new QLabel(m_table->viewport()))
    , m_reviewAction(new QAction(tr("&Review and Merge Duplicates\u2026"), this))
    , m_undoAction(new QAction(tr("&Undo Last Merge"), this))
{
    m_pool.setMaxThreadCount(1);
    m_scanButton->setObjectName(QStringLiteral("scanButton"));
    m_minScore->setObjectName(QStringLiteral("minScore"));
    m_progress->setObjectName(QStringLiteral("scanProgress"));
    m_cancelButton->setObjectName(QStringLiteral("cancelScanButton"));
    m_status->setObjectName(QStringLiteral("duplicateStatus"));
    m_reviewButton->setObjectName(QStringLiteral("reviewButton"));
    m_mergeAllButton->setObjectName(QStringLiteral("mergeAllButton"));
    m_undoButton->setObjectName(QStringLiteral("undoMergeButton"));
    m_message->setObjectName(QStringLiteral("duplicateMessage"));
    m_table->setObjectName(QStringLiteral("duplicateTable"));
    m_emptyState->setObjectName(QStringLiteral("duplicateEmptyState"));
    m_reviewAction->setObjectName(QStringLiteral("actionReviewDuplicate"));
    m_undoAction->setObjectName(QStringLiteral("actionUndoMerge"));

    m_scanButton->setToolTip(
        tr("Look through every contact for people entered more than once (same e-mail, phone "
           "or address, similar names). Runs in the background."));
    m_scanButton->setDefault(true);
    m_minScore->setRange(1, 100);
    m_minScore->setValue(DuplicateScoring::kDefaultMinScore);
    m_minScore->setToolTip(tr("List pairs scoring at least this much (100 = certainly the same person)."));
    auto* minLabel = new QLabel(tr("Minimum &score:"), this);
    minLabel->setBuddy(m_minScore);
    m_progress->setTextVisible(true);
    m_progress->setMinimumWidth(180);
    m_progress->hide();
    m_cancelButton->hide();
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setTextFormat(Qt::PlainText);
    m_reviewButton->setToolTip(tr("Compare the selected pair side by side and choose what to keep (Enter)."));
    m_mergeAllButton->setToolTip(tr("Merge every pair scoring %1 or more, keeping for each the more complete "
                                    "contact and filling its empty fields from the other. One undoable step.")
                                     .arg(DuplicateScoring::kConfidentScore));
    m_undoButton->setToolTip(
        tr("Take back the last merge: both contacts and their links return as they were."));
    connect(m_scanButton, &QPushButton::clicked, this, &DuplicatesPage::startScan);
    connect(m_cancelButton, &QPushButton::clicked, this, &DuplicatesPage::cancelWork);
    connect(m_reviewButton, &QPushButton::clicked, this, &DuplicatesPage::reviewSelected);
    connect(m_mergeAllButton, &QPushButton::clicked, this, &DuplicatesPage::mergeAllConfident);
    connect(m_undoButton, &QPushButton::clicked, this, &DuplicatesPage::undoLastMerge);
    connect(m_reviewAction, &QAction::triggered, this, &DuplicatesPage::reviewSelected);
    connect(m_undoAction, &QAction::triggered, this, &DuplicatesPage::undoLastMerge);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(10, 10, 10, 6);
    bar->addWidget(m_scanButton);
    bar->addSpacing(8);
    bar->addWidget(minLabel);
    bar->addWidget(m_minScore);
    bar->addSpacing(12);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_undoButton);

    auto* actions = new QHBoxLayout;
    actions->setContentsMargins(10, 6, 10, 10);
    actions->addStretch(1);
    actions->addWidget(m_mergeAllButton);
    actions->addWidget(m_reviewButton);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setCornerButtonEnabled(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionsClickable(false);
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(50);
    header->resizeSection(DuplicatePairModel::ScoreColumn, 64);
    header->resizeSection(DuplicatePairModel::FirstColumn, 300);
    header->resizeSection(DuplicatePairModel::SecondColumn, 300);
    m_table->setAccessibleName(tr("Possible duplicates"));
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this);
    connect(m_table, &QTableView::doubleClicked, this, &DuplicatesPage::reviewSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DuplicatesPage::updateState);

    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setTextFormat(Qt::PlainText);
    m_emptyState->setForegroundRole(QPalette::PlaceholderText);
    m_emptyState->setAttribute(Qt::WA_TransparentForMouseEvents);

    m_message->setContentsMargins(10, 0, 10, 6);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);

    connect(m_model, &DuplicatePairModel::loadFailed, this, [this](const QString& message) {
        m_message->showError(tr("Some contacts could not be read: %1").arg(message));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &DuplicatesPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &DuplicatesPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        updateEmptyState();
        updateStatus();
        updateState();
    });
    connect(&workspace.mutations(), &MutationEngine::changed, this, &DuplicatesPage::onEntitiesChanged);

    updateStatus();
    updateEmptyState();
    updateState();
}

DuplicatesPage::~DuplicatesPage()
{
    delete m_dialog;
    // The worker uses the database, which closes soon after this page: stop it and wait.
    if (m_cancel)
        m_cancel->store(true);
    m_pool.clear();
    m_pool.waitForDone();
}

QList<QAction*> DuplicatesPage::editActions() const
{
    return {m_reviewAction, m_undoAction};
}

QString DuplicatesPage::summary() const
{
    if (!m_scanned)
        return {};
    return tr("%Ln possible duplicate(s)", nullptr, clampToInt(m_model->totalPairs()));
}

MergeDialog* DuplicatesPage::mergeDialog() const
{
    return m_dialog;
}

int DuplicatesPage::minimumScore() const
{
    return m_minScore->value();
}

void DuplicatesPage::setMinimumScore(int score)
{
    m_minScore->setValue(score);
}

std::function<void(qint64, qint64)> DuplicatesPage::progressReporter(quint64 generation)
{
    return [this, generation](qint64 done, qint64 total) {
        // Queued to this page's thread; dropped with the page if it goes first.
        QMetaObject::invokeMethod(
            this, [this, generation, done, total] { progressArrived(generation, done, total); },
            Qt::QueuedConnection);
    };
}

void DuplicatesPage::begin(Job job, const QString& what)
{
    m_job = job;
    ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    if (!m_keepMessage) // a scan that follows a merge or an undo keeps telling what that did
        m_message->clearMessage();
    m_keepMessage = false;
    m_progress->setRange(0, 0); // busy until the first report
    m_progress->setFormat(what + QStringLiteral(" %p%"));
    m_progress->show();
    m_cancelButton->show();
    m_cancelButton->setEnabled(true);
    m_status->setText(what);
    updateState();
}

void DuplicatesPage::end()
{
    m_job = Job::None;
    m_progress->hide();
    m_cancelButton->hide();
    updateStatus();
    updateState();
    emit workFinished();
    if (m_rescanAfterJob) {
        m_rescanAfterJob = false;
        m_keepMessage = true;
        startScan();
    }
}

void DuplicatesPage::progressArrived(quint64 generation, qint64 done, qint64 total)
{
    if (generation != m_generation || m_job == Job::None || total <= 0)
        return;
    m_progress->setRange(0, 1000);
    m_progress->setValue(static_cast<int>(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
}

void DuplicatesPage::startScan()
{
    if (m_job != Job::None)
        return;
    begin(Job::Scan, tr("Looking for duplicates\u2026"));
    const quint64 generation = m_generation;
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    Database* database = &m_workspace.database();
    DuplicateScanner::Options options;
    options.minScore = m_minScore->value();
    options.cancel = cancel.get();
    options.progress = progressReporter(generation);
    m_pool.start([this, database, options, cancel, generation] {
        QElapsedTimer timer;
        timer.start();
        const Result<DuplicateScanResult> result = DuplicateScanner(*database).scan(options);
        const qint64 elapsed = timer.elapsed();
        database->releaseThreadConnection();
        // The destructor waits for this task, so the page still exists; a call it cannot take is dropped.
        QMetaObject::invokeMethod(
            this, [this, generation, result, elapsed] { scanArrived(generation, result, elapsed); },
            Qt::QueuedConnection);
    });
}

void DuplicatesPage::scanArrived(quint64 generation, const Result<DuplicateScanResult>& result,
                                 qint64 elapsedMs)
{
    if (generation != m_generation)
        return;
    if (!result) {
        if (result.code() == ErrorCode::Cancelled)
            m_message->showMessage(MessageLabel::Kind::Info, tr("The scan was cancelled."));
        else
            m_message->showError(tr("The scan failed: %1").arg(result.message()));
        end();
        return;
    }
    m_scanned = true;
    m_scannedMinScore = m_minScore->value();
    m_scannedContacts = result->contacts;
    m_scanMs = elapsedMs;
    m_model->setPairs(result->pairs);
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    if (result->truncated)
        m_message->showMessage(
            MessageLabel::Kind::Warning,
            tr("Only the best %L1 pairs are listed; raise the minimum score to see fewer at a time.")
                .arg(result->pairs.size()));
    emit summaryChanged(summary());
    end();
}

void DuplicatesPage::cancelWork()
{
    if (m_cancel && m_job != Job::None) {
        m_cancel->store(true);
        m_cancelButton->setEnabled(false);
        m_status->setText(tr("Cancelling\u2026"));
    }
}

void DuplicatesPage::reviewSelected()
{
    if (m_job != Job::None)
        return;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const DuplicatePair* pair = current.isValid() ? m_model->pairAt(current.row()) : nullptr;
    if (!pair)
        return;
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    auto contacts = DuplicateContacts::byRid(m_workspace.database().connection(), {pair->ridA, pair->ridB});
    if (!contacts) {
        m_message->showError(tr("The contacts could not be read: %1").arg(contacts.message()));
        return;
    }
    if (!contacts->contains(pair->ridA) || !contacts->contains(pair->ridB)) {
        m_message->showMessage(MessageLabel::Kind::Info, tr("One of these contacts no longer exists."));
        m_model->onEntitiesChanged({{QStringLiteral("contact"), QString(), EntityChange::Kind::Deleted}});
        return;
    }
    DuplicateMatch match;
    match.score = pair->score;
    match.reasons = pair->reasons;
    match.nameSimilarity = pair->nameSimilarity;
    auto* dialog = new MergeDialog(m_workspace.database(), m_workspace.mutations(),
                                   contacts->value(pair->ridA), contacts->value(pair->ridB), match, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    const int row = current.row();
    connect(dialog, &MergeDialog::merged, this,
            [this, dialog, row](const QString&, const QString&, const QString&) {
                m_message->showMessage(
                    MessageLabel::Kind::Success,
                    tr("Merged \u201c%1\u201d into \u201c%2\u201d. Undo Last Merge takes it back.")
                        .arg(dialog->removed().displayName(), dialog->kept().displayName()));
                // The merged pair left the list (the model follows the change); select what took its place.
                if (m_model->rowCount() > 0)
                    m_table->selectRow(std::min(row, m_model->rowCount() - 1));
                updateState();
                m_table->setFocus();
            });
    dialog->open();
}

void DuplicatesPage::mergeAllConfident()
{
    if (m_job != Job::None)
        return;
    const qsizetype n = m_model->pairsScoringAtLeast(DuplicateScoring::kConfidentScore);
    if (n == 0)
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Merge All Confident Pairs"),
                                tr("Merge %Ln pair(s) scoring %1 or more?", nullptr, clampToInt(n))
                                    .arg(DuplicateScoring::kConfidentScore),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmMergeAllBox"));
    box->setInformativeText(
        tr("For each pair the more complete contact is kept, its empty fields are filled from the "
           "other and both notes are kept; shares and distributor links move to it. A contact "
           "already merged away in this run is not merged again. Undo Last Merge takes the whole "
           "run back."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* merge = box->addButton(tr("&Merge"), QMessageBox::AcceptRole);
    merge->setObjectName(QStringLiteral("confirmMergeAllButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(merge);
    connect(box, &QMessageBox::buttonClicked, this, [this, merge](QAbstractButton* clicked) {
        if (clicked == merge)
            startBulkMerge();
    });
    box->open();
}

void DuplicatesPage::startBulkMerge()
{
    if (m_job != Job::None)
        return;
    begin(Job::BulkMerge, tr("Merging\u2026"));
    const quint64 generation = m_generation;
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    Database* database = &m_workspace.database();
    MutationEngine* engine = &m_workspace.mutations();
    ContactMerger::BulkOptions options;
    options.cancel = cancel.get();
    options.progress = progressReporter(generation);
    const QList<DuplicatePair> pairs = m_model->pairs();
    m_pool.start([this, database, engine, options, pairs, cancel, generation] {
        const Result<ContactMerger::BulkReport> result =
            ContactMerger(*database, *engine).mergeAll(pairs, options);
        database->releaseThreadConnection();
        QMetaObject::invokeMethod(
            this, [this, generation, result] { bulkArrived(generation, result); }, Qt::QueuedConnection);
    });
}

void DuplicatesPage::bulkArrived(quint64 generation, const Result<ContactMerger::BulkReport>& result)
{
    if (generation != m_generation)
        return;
    if (!result) {
        if (result.code() == ErrorCode::Cancelled)
            m_message->showMessage(MessageLabel::Kind::Info,
                                   tr("The merge was cancelled; nothing was merged."));
        else
            m_message->showError(tr("Nothing was merged: %1").arg(result.message()));
        end();
        return;
    }
    const ContactMerger::BulkReport& r = result.value();
    QString text = tr("Merged %Ln pair(s).", nullptr, clampToInt(r.merged));
    if (r.skipped > 0)
        text += QLatin1Char(' ') +
                tr("%Ln pair(s) skipped: a contact of theirs was merged into another one already; "
                   "look again for what is left.",
                   nullptr, clampToInt(r.skipped));
    if (r.failed > 0)
        text += QLatin1Char(' ') + tr("%Ln pair(s) could not be merged: %1", nullptr, clampToInt(r.failed))
                                       .arg(r.problems.join(QStringLiteral("; ")));
    m_message->showMessage(r.failed > 0 ? MessageLabel::Kind::Warning : MessageLabel::Kind::Success, text);
    m_rescanAfterJob = r.merged > 0; // show what is left
    end();
}

void DuplicatesPage::undoLastMerge()
{
    if (m_job != Job::None)
        return;
    MergeHistory history(m_workspace.database(), m_workspace.mutations());
    auto last = history.lastActive();
    if (!last) {
        m_message->showError(tr("The merge history could not be read: %1").arg(last.message()));
        return;
    }
    if (!last.value()) {
        m_message->showMessage(MessageLabel::Kind::Info, tr("There is no merge to undo."));
        updateState();
        return;
    }
    const MergeBatchInfo info = *last.value();
    const QString question =
        info.merges == 1
            ? tr("Undo the merge of \u201c%1\u201d into \u201c%2\u201d?").arg(info.removedName, info.keptName)
            : tr("Undo the merge of %Ln pair(s)?", nullptr, clampToInt(info.merges));
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Undo Last Merge"), question, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmUndoBox"));
    box->setInformativeText(
        tr("The merged contacts and their shares and distributor links return exactly as they "
           "were. If any of them changed since, nothing is undone and you are told why."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* undo = box->addButton(tr("&Undo Merge"), QMessageBox::AcceptRole);
    undo->setObjectName(QStringLiteral("confirmUndoButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(undo);
    const QString id = info.id;
    connect(box, &QMessageBox::buttonClicked, this, [this, undo, id](QAbstractButton* clicked) {
        if (clicked == undo)
            startUndo(id);
    });
    box->open();
}

void DuplicatesPage::startUndo(const QString& batchId)
{
    if (m_job != Job::None)
        return;
    begin(Job::Undo, tr("Undoing the merge\u2026"));
    const quint64 generation = m_generation;
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    Database* database = &m_workspace.database();
    MutationEngine* engine = &m_workspace.mutations();
    MergeHistory::UndoOptions options;
    options.cancel = cancel.get();
    options.progress = progressReporter(generation);
    m_pool.start([this, database, engine, options, batchId, cancel, generation] {
        const Result<MergeHistory::UndoReport> result =
            MergeHistory(*database, *engine).undo(batchId, options);
        database->releaseThreadConnection();
        QMetaObject::invokeMethod(
            this, [this, generation, result] { undoArrived(generation, result); }, Qt::QueuedConnection);
    });
}

void DuplicatesPage::undoArrived(quint64 generation, const Result<MergeHistory::UndoReport>& result)
{
    if (generation != m_generation)
        return;
    if (!result) {
        if (result.code() == ErrorCode::Cancelled)
            m_message->showMessage(MessageLabel::Kind::Info,
                                   tr("The undo was cancelled; nothing was changed."));
        else
            m_message->showError(result.message());
        end();
        return;
    }
    m_message->showMessage(MessageLabel::Kind::Success, tr("Undone: %Ln merged contact(s) are back.", nullptr,
                                                           clampToInt(result->restored)));
    m_rescanAfterJob = m_scanned; // the pairs are back: list them again
    end();
}

void DuplicatesPage::onEntitiesChanged(const EntityChanges& changes)
{
    m_model->onEntitiesChanged(changes);
    updateState();
}

void DuplicatesPage::updateState()
{
    const bool idle = m_job == Job::None;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const bool selected = current.isValid() && m_table->selectionModel()->isRowSelected(current.row(), {}) &&
                          m_model->pairAt(current.row());
    m_scanButton->setEnabled(idle);
    m_minScore->setEnabled(idle);
    m_reviewButton->setEnabled(idle && selected);
    m_reviewAction->setEnabled(idle && selected);
    const qsizetype confident = m_model->pairsScoringAtLeast(DuplicateScoring::kConfidentScore);
    m_mergeAllButton->setText(confident > 0 ? tr("Merge All Confident (%L1)\u2026").arg(confident)
                                            : tr("Merge All Confident\u2026"));
    m_mergeAllButton->setEnabled(idle && confident > 0);
    bool undoable = false;
    if (idle) {
        auto last = MergeHistory(m_workspace.database(), m_workspace.mutations()).lastActive();
        undoable = last && last.value();
    }
    m_undoButton->setEnabled(undoable);
    m_undoAction->setEnabled(undoable);
}

void DuplicatesPage::updateStatus()
{
    if (m_job != Job::None)
        return;
    if (!m_scanned) {
        m_status->clear();
        return;
    }
    m_status->setText(
        tr("%Ln possible duplicate(s) among %1 contacts, %2 confident \u2014 scanned in %3 s", nullptr,
           clampToInt(m_model->totalPairs()))
            .arg(QLocale().toString(m_scannedContacts))
            .arg(QLocale().toString(m_model->pairsScoringAtLeast(DuplicateScoring::kConfidentScore)))
            .arg(QLocale().toString(double(m_scanMs) / 1000.0, 'f', m_scanMs < 1000 ? 2 : 1)));
    emit summaryChanged(summary());
}

void DuplicatesPage::fitColumns()
{
    // The two contacts share most of the width; the reasons take the rest. Once, when first laid out: what
    // the user sizes afterwards is kept.
    const int width = m_table->viewport()->width();
    if (width < 400)
        return;
    m_columnsSized = true;
    QHeaderView* header = m_table->horizontalHeader();
    const int score = header->sectionSize(DuplicatePairModel::ScoreColumn);
    const int contact = std::max(200, int((width - score) * 0.34));
    header->resizeSection(DuplicatePairModel::FirstColumn, contact);
    header->resizeSection(DuplicatePairModel::SecondColumn, contact);
}

bool DuplicatesPage::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Resize && watched == m_table->viewport()) {
        m_emptyState->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
        if (!m_columnsSized)
            fitColumns();
    }
    if (event->type() == QEvent::KeyPress && watched == m_table) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            reviewSelected();
            return true;
        }
    }
    return Page::eventFilter(watched, event);
}

void DuplicatesPage::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    if (empty) {
        m_emptyState->setText(
            m_scanned ? tr("No possible duplicates with a score of %1 or more.").arg(m_scannedMinScore)
                      : tr("Find contacts that were entered more than once.\nClick Find Duplicates: "
                           "the scan runs in the background while you keep working."));
        m_emptyState->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
    }
    m_emptyState->setVisible(empty);
}

} // namespace outpost
