#include "timeline/TimelineView.h"

#include "profile/Workspace.h"
#include "timeline/ActivityDialog.h"
#include "timeline/TimelineModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace outpost {

TimelineView::TimelineView(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new TimelineModel(workspace.database(), Timeline::standard(), this))
    , m_filter(new QComboBox(this))
    , m_list(new QListView(this))
    , m_empty(new QLabel(this))
    , m_log(new QPushButton(tr("Log Activity…"), this))
{
    m_filter->setObjectName(QStringLiteral("timelineFilter"));
    m_list->setObjectName(QStringLiteral("timelineList"));
    m_log->setObjectName(QStringLiteral("logActivityButton"));
    m_empty->setObjectName(QStringLiteral("timelineEmpty"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_filter->addItem(tr("Everything"), QString());
    for (const QString& kind : Timeline::standard().kinds())
        m_filter->addItem(Timeline::kindLabel(kind), kind);
    m_list->setModel(m_model);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setUniformItemSizes(false);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* top = new QHBoxLayout;
    auto* title = new QLabel(tr("Timeline"), this);
    QFont f = title->font();
    f.setBold(true);
    title->setFont(f);
    top->addWidget(title);
    top->addStretch();
    top->addWidget(m_filter);
    top->addWidget(m_log);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty, 1);

    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        const QString kind = m_filter->currentData().toString();
        m_model->setKinds(kind.isEmpty() ? QSet<QString>() : QSet<QString>{kind});
        updateEmptyState(); // the reload fetched its first page already: an empty one inserts no rows
    });
    connect(m_log, &QPushButton::clicked, this, &TimelineView::logActivity);
    connect(&workspace.mutations(), &MutationEngine::changed, m_model, &TimelineModel::onEntitiesChanged);
    connect(&workspace.mutations(), &MutationEngine::changed, this, &TimelineView::updateEmptyState); // after the reload
    connect(&workspace.leadScores(), &LeadScoreKeeper::scoresChanged, m_model, [this] { m_model->reload(); });
    connect(m_model, &TimelineModel::loadFailed, this,
            [this](const QString& message) { QMessageBox::warning(this, tr("Timeline"), message); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TimelineView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TimelineView::updateEmptyState);
    m_log->setEnabled(false);
    updateEmptyState();
}

void TimelineView::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0 && !m_model->canFetchMore({});
    m_list->setVisible(!empty);
    m_empty->setVisible(empty);
    if (!empty)
        return;
    if (m_subjectId.isEmpty())
        m_empty->setText(QString());
    else if (m_filter->currentData().toString().isEmpty())
        m_empty->setText(tr("Nothing on this timeline yet. Log Activity… records a call, a meeting, an e-mail or a note."));
    else
        m_empty->setText(tr("Nothing of this kind on this timeline."));
}

void TimelineView::setSubject(const QString& subjectType, const QString& subjectId)
{
    m_subjectType = subjectType;
    m_subjectId = subjectId;
    m_log->setEnabled(!subjectId.isEmpty());
    m_model->setSubject(subjectType, subjectId);
    updateEmptyState();
}

void TimelineView::logActivity()
{
    if (m_subjectId.isEmpty())
        return;
    ActivityDialog dialog(m_workspace, m_subjectType, m_subjectId, this);
    dialog.exec();
}

} // namespace outpost
