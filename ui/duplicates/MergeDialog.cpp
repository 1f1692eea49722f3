#include "duplicates/MergeDialog.h"

#include "duplicates/ContactMerger.h"
#include "storage/Database.h"
#include "widgets/MessageLabel.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSqlQuery>
#include <QVBoxLayout>

namespace outpost {

namespace {

constexpr int kShownChars = 60;

// One line of a value for a radio button (notes can be long; the tooltip has all of it).
QString shortText(const QString& value)
{
    QString line = value.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() > kShownChars || value.contains(QLatin1Char('\n')))
        line = line.left(kShownChars).trimmed() + QStringLiteral("\u2026");
    return line;
}

qint64 countOf(Database& db, const QString& sql, const QString& id)
{
    QSqlQuery q(db.connection());
    q.prepare(sql);
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace

QString MergeDialog::fieldLabel(const QString& field)
{
    if (field == QLatin1String("firstName"))
        return tr("First name");
    if (field == QLatin1String("lastName"))
        return tr("Last name");
    if (field == QLatin1String("email"))
        return tr("E-mail");
    if (field == QLatin1String("phone"))
        return tr("Phone");
    if (field == QLatin1String("company"))
        return tr("Company");
    if (field == QLatin1String("street"))
        return tr("Street");
    if (field == QLatin1String("postalCode"))
        return tr("Postal code");
    if (field == QLatin1String("city"))
        return tr("City");
    if (field == QLatin1String("country"))
        return tr("Country");
    if (field == QLatin1String("notes"))
        return tr("Notes");
    if (field == QLatin1String("ownerId"))
        return tr("Owner");
    return field;
}

MergeDialog::MergeDialog(Database& database, MutationEngine& mutations, const Contact& a, const Contact& b,
                         const DuplicateMatch& match, QWidget* parent)
    : QDialog(parent)
    , m_database(database)
    , m_mutations(mutations)
    , m_contacts{a, b}
    , m_match(match)
    , m_summary(new QLabel(this))
    , m_error(new MessageLabel(this))
{
    setObjectName(QStringLiteral("mergeDialog"));
    setWindowTitle(tr("Merge Contacts"));
    setModal(true);

    auto* intro =
        new QLabel(tr("These two entries look like the same person. Choose the contact to keep and, "
                      "where they differ, the value to keep. The other entry is removed; what is shared "
                      "or linked with it moves to the one you keep. You can undo the merge afterwards."),
                   this);
    intro->setWordWrap(true);
    auto* why = new QLabel(this);
    why->setObjectName(QStringLiteral("mergeReasons"));
    why->setWordWrap(true);
    if (match.score > 0)
        why->setText(tr("Score %1 of 100: %2.")
                         .arg(match.score)
                         .arg(DuplicateScoring::describe(match.reasons, match.nameSimilarity)
                                  .join(QStringLiteral(", "))));
    why->setVisible(match.score > 0);

    const MergePlan plan = MergePlan::suggest(a, b);
    m_keep = plan.keep.id == a.id ? First : Second;

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(6);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    int row = 0;
    auto* keepGroup = new QButtonGroup(this);
    for (int side = 0; side < 2; ++side) {
        const Contact& c = m_contacts[side];
        auto* keep = new QRadioButton(tr("Keep %1").arg(c.displayName()), this);
        keep->setObjectName(side == 0 ? QStringLiteral("keepFirst") : QStringLiteral("keepSecond"));
        QFont bold = keep->font();
        bold.setBold(true);
        keep->setFont(bold);
        keep->setChecked(side == m_keep);
        keepGroup->addButton(keep, side);
        m_keepButtons[side] = keep;
        grid->addWidget(keep, row, 1 + side);
        auto* created = new QLabel(
            c.createdAt > 0 ? tr("Added %1")
                                  .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(c.createdAt).date(),
                                                          QLocale::ShortFormat))
                            : QString(),
            this);
        created->setForegroundRole(QPalette::PlaceholderText);
        grid->addWidget(created, row + 1, 1 + side);
    }
    connect(keepGroup, &QButtonGroup::idClicked, this, [this](int id) {
        m_keep = static_cast<Side>(id);
        updateSummary();
    });
    row += 2;
    auto* line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    grid->addWidget(line, row++, 0, 1, 3);

    for (const QString& field : Contact::fieldNames()) {
        const QString va = a.field(field), vb = b.field(field);
        auto* label = new QLabel(fieldLabel(field), this);
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(label, row, 0);
        if (va == vb) {
            auto* same = new QLabel(va.isEmpty() ? tr("(empty in both)") : shortText(va), this);
            same->setToolTip(va);
            if (va.isEmpty())
                same->setForegroundRole(QPalette::PlaceholderText);
            grid->addWidget(same, row++, 1, 1, 2);
            continue;
        }
        auto* group = new QButtonGroup(this);
        m_groups.insert(field, group);
        const QString picked = plan.values.value(field);
        for (int side = 0; side < 2; ++side) {
            const QString v = side == 0 ? va : vb;
            auto* button = new QRadioButton(v.isEmpty() ? tr("(empty)") : shortText(v), this);
            button->setObjectName(QStringLiteral("pick_%1_%2").arg(field).arg(side));
            button->setToolTip(v);
            group->addButton(button, side);
            grid->addWidget(button, row, 1 + side);
        }
        if (field == QLatin1String("notes") && !va.trimmed().isEmpty() && !vb.trimmed().isEmpty()) {
            ++row;
            auto* both = new QRadioButton(tr("Keep both notes, one after the other"), this);
            both->setObjectName(QStringLiteral("pick_notes_2"));
            group->addButton(both, Both);
            grid->addWidget(both, row, 1, 1, 2);
        }
        // The suggestion: the side whose value the plan took (notes: both when it combined them).
        int suggested = picked == va ? First : Second;
        if (field == QLatin1String("notes") && group->button(Both) && picked != va && picked != vb)
            suggested = Both;
        group->button(suggested)->setChecked(true);
        connect(group, &QButtonGroup::idClicked, this, &MergeDialog::updateSummary);
        ++row;
    }

    grid->setRowStretch(row, 1); // extra height below the fields, not between them
    auto* fields = new QWidget(this);
    fields->setLayout(grid);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_summary->setObjectName(QStringLiteral("mergeSummary"));
    m_summary->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("mergeError"));

    auto* buttons = new QDialogButtonBox(this);
    m_mergeButton = buttons->addButton(tr("&Merge"), QDialogButtonBox::AcceptRole);
    m_mergeButton->setObjectName(QStringLiteral("mergeButton"));
    m_mergeButton->setDefault(true);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("mergeCancelButton"));
    connect(m_mergeButton, &QPushButton::clicked, this, &MergeDialog::merge);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(why);
    layout->addSpacing(6);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(760, 620);
    updateSummary();
}

const Contact& MergeDialog::kept() const
{
    return m_contacts[m_keep == Second ? 1 : 0];
}

const Contact& MergeDialog::removed() const
{
    return m_contacts[m_keep == Second ? 0 : 1];
}

QHash<QString, QString> MergeDialog::values() const
{
    QHash<QString, QString> out;
    for (const QString& field : Contact::fieldNames()) {
        auto it = m_groups.constFind(field);
        if (it == m_groups.constEnd()) {
            out.insert(field, m_contacts[0].field(field)); // the same on both sides
            continue;
        }
        const int side = (*it)->checkedId();
        if (side == Both)
            out.insert(field, MergePlan::combinedNotes(kept().notes, removed().notes));
        else
            out.insert(field, m_contacts[side == Second ? 1 : 0].field(field));
    }
    return out;
}

void MergeDialog::setKeep(Side side)
{
    if (side == Both)
        return;
    m_keep = side;
    m_keepButtons[side]->setChecked(true);
    updateSummary();
}

void MergeDialog::pick(const QString& field, Side side)
{
    QButtonGroup* group = m_groups.value(field);
    if (!group || !group->button(side))
        return;
    group->button(side)->setChecked(true);
    updateSummary();
}

void MergeDialog::updateSummary()
{
    const Contact& gone = removed();
    const qint64 shares = countOf(
        m_database, QStringLiteral("SELECT count(*) FROM contact_shares WHERE contact_id = ?"), gone.id);
    const qint64 distributors = countOf(
        m_database, QStringLiteral("SELECT count(*) FROM distributors WHERE contact_id = ?"), gone.id);
    QString text = tr("\u201c%1\u201d stays with the values chosen above; \u201c%2\u201d is removed.")
                       .arg(kept().displayName(), gone.displayName());
    if (shares > 0)
        text += QLatin1Char(' ') +
                tr("Its shares with %n colleague(s) move to the contact you keep.", nullptr, int(shares));
    if (distributors > 0)
        text += QLatin1Char(' ') +
                tr("The %n distributor(s) linked to it will be linked to the contact you keep.", nullptr,
                   int(distributors));
    m_summary->setText(text);
}

void MergeDialog::merge()
{
    m_error->clearMessage();
    ContactMerger::Request request;
    request.keepId = kept().id;
    request.removeId = removed().id;
    request.values = values();
    request.score = m_match.score;
    ContactMerger merger(m_database, m_mutations);
    auto result = merger.merge(request);
    if (!result) {
        m_error->showError(tr("The contacts were not merged: %1").arg(result.message()));
        return;
    }
    m_outcome = result.value();
    emit merged(m_outcome.batchId, m_outcome.keptId, m_outcome.removedId);
    accept();
}

} // namespace outpost
