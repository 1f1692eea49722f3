// The Leads page: the lead list, timeline and rules models pass QAbstractItemModelTester while they fetch and
// change; a rule made in the rules editor rescored every lead in the background; the detail explains the score
// with lines that add up; logging an activity shows on the timeline and moves the score; disqualify and convert.
// OUTPOST_SCREENSHOT_DIR=<dir> saves the page, the rules editor and the activity dialog as PNG files.
#include "leads/LeadsPage.h"

#include "GuiTestUtil.h"
#include "importexport/ProgressPanel.h"
#include "leads/LeadListModel.h"
#include "leads/LeadScores.h"
#include "leads/ScoringRuleModel.h"
#include "leads/ScoringRulesDialog.h"
#include "shell/Translations.h"
#include "TempDir.h"
#include "timeline/ActivityDialog.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelineView.h"
#include "util/Uuid.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>

using namespace outpost;
using namespace outpost::test;

namespace {

class LeadsPageTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslators(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void SetUp() override
    {
        workspace = makeWorkspace(dir.path());
        ASSERT_NE(workspace, nullptr);
    }

    void TearDown() override
    {
        page.reset();
        workspace.reset();
    }

    void submit(const QString& name, const QJsonObject& args)
    {
        auto m = workspace->mutations().submit(name, args);
        ASSERT_TRUE(m.ok()) << name.toStdString() << ": " << m.message().toStdString();
    }

    // `count` leads in one batch; every third has a phone, every fifth is from a trade fair.
    void addLeads(int count)
    {
        auto batch = workspace->mutations().beginBatch();
        ASSERT_TRUE(batch.ok());
        static const char* names[] = {"Ana Lima", "Ben Okafor", "Chloé Martin", "Dev Patel", "Eva Novak",
                                      "Farid Haddad", "Greta Lund", "Hiro Tanaka", "Ines Garcia", "Jon Berg"};
        for (int i = 0; i < count; ++i) {
            const QStringList name = QString::fromUtf8(names[i % 10]).split(QLatin1Char(' '));
            QJsonObject fields{{QStringLiteral("firstName"), name[0]},
                               {QStringLiteral("lastName"), QString(name[1] + (i >= 10 ? QString::number(i) : QString()))},
                               {QStringLiteral("company"), QStringLiteral("%1 GmbH").arg(name[1])},
                               {QStringLiteral("email"), QStringLiteral("%1.%2@example.org").arg(name[0].toLower()).arg(i)}};
            if (i % 3 == 0)
                fields.insert(QStringLiteral("phone"), QStringLiteral("+49 30 %1").arg(1000000 + i));
            fields.insert(QStringLiteral("source"), i % 5 == 0 ? QStringLiteral("trade fair") : QStringLiteral("web form"));
            ASSERT_TRUE((*batch)->submit(QStringLiteral("lead.create"),
                                         {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("fields"), fields}})
                            .ok());
        }
        ASSERT_TRUE((*batch)->commit().ok());
    }

    void showPage()
    {
        page = std::make_unique<LeadsPage>(*workspace);
        page->resize(1280, 760);
        page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    }

    bool waitForRescore(const std::function<void()>& start)
    {
        QSignalSpy done(page.get(), &LeadsPage::rescoreFinished);
        start();
        return waitUntil([&] { return done.count() > 0; }, 60000);
    }

    static void screenshot(QWidget* w, const QString& name)
    {
        const QString dir = qEnvironmentVariable("OUTPOST_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        EXPECT_TRUE(w->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
    }

    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<LeadsPage> page;
};

} // namespace

TEST_F(LeadsPageTest, ModelsPassTheModelTesterWhileFetchingAndChanging)
{
    addLeads(450); // more than two pages; the batch is scored at once
    LeadListModel leads(workspace->database());
    QAbstractItemModelTester leadTester(&leads, QAbstractItemModelTester::FailureReportingMode::Fatal);
    leads.reload();
    EXPECT_EQ(leads.rowCount(), LeadListModel::PageSize);
    while (leads.canFetchMore({}))
        leads.fetchMore({});
    EXPECT_EQ(leads.rowCount(), 450);
    leads.setStatusFilter(QStringLiteral("disqualified"));
    EXPECT_EQ(leads.rowCount(), 0);
    const QString someone = [&] {
        leads.setStatusFilter({});
        return leads.idAt(3);
    }();
    submit(QStringLiteral("lead.disqualify"), {{QStringLiteral("id"), someone}, {QStringLiteral("reason"), QStringLiteral("Competitor")}});
    leads.setStatusFilter(QStringLiteral("disqualified"));
    EXPECT_EQ(leads.rowCount(), 1);
    EXPECT_EQ(leads.idAt(0), someone);

    TimelineModel timeline(workspace->database());
    QAbstractItemModelTester timelineTester(&timeline, QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (int i = 0; i < 120; ++i)
        submit(QStringLiteral("activity.log"), {{QStringLiteral("id"), newUuidV7()},
                                                {QStringLiteral("kind"), i % 2 ? QStringLiteral("call") : QStringLiteral("email")},
                                                {QStringLiteral("subjectType"), QStringLiteral("lead")},
                                                {QStringLiteral("subjectId"), someone},
                                                {QStringLiteral("occurredAt"), workspace->clock().nowMs() - i * 60000},
                                                {QStringLiteral("title"), QStringLiteral("Touch %1").arg(i)}});
    timeline.setSubject(QStringLiteral("lead"), someone);
    EXPECT_EQ(timeline.rowCount(), TimelineModel::PageSize);
    while (timeline.canFetchMore({}))
        timeline.fetchMore({});
    EXPECT_EQ(timeline.rowCount(), 120 + 1); // and its first score
    timeline.setKinds({QStringLiteral("call")});
    while (timeline.canFetchMore({}))
        timeline.fetchMore({});
    EXPECT_EQ(timeline.rowCount(), 60);
    EXPECT_EQ(timeline.data(timeline.index(0), TimelineModel::TitleRole).toString(), QStringLiteral("Touch 1"));

    ScoringRuleModel rules(workspace->database());
    QAbstractItemModelTester rulesTester(&rules, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QObject::connect(&workspace->mutations(), &MutationEngine::changed, &rules, &ScoringRuleModel::onEntitiesChanged);
    submit(QStringLiteral("scoring_rule.set"), {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("kind"), QStringLiteral("fit")},
                                                {QStringLiteral("label"), QStringLiteral("Has a phone")},
                                                {QStringLiteral("field"), QStringLiteral("phone")},
                                                {QStringLiteral("test"), QStringLiteral("present")},
                                                {QStringLiteral("points"), 10}});
    EXPECT_EQ(rules.rowCount(), 1);
    EXPECT_EQ(rules.data(rules.index(0, ScoringRuleModel::PointsColumn)).toString(), QStringLiteral("+10"));
}

TEST_F(LeadsPageTest, TheSearchBoxNarrowsTheListByNameCompanyOrEmail)
{
    addLeads(450); // 45 of each first name; "Okafor GmbH" is Ben's company
    LeadListModel leads(workspace->database());
    QAbstractItemModelTester tester(&leads, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_NO_FATAL_FAILURE(showPage());
    auto* search = child<QLineEdit>(page.get(), QStringLiteral("leadSearch"));
    auto* table = child<QTableView>(page.get(), QStringLiteral("leadsTable"));
    typeInto(search, QStringLiteral("okafor"));
    ASSERT_TRUE(waitUntil([&] { return table->model()->rowCount() == 45; })) << table->model()->rowCount();
    typeInto(search, QStringLiteral("ben okafor.1"));   // every word, in any field (okafor.1 only in no field)
    ASSERT_TRUE(waitUntil([&] { return table->model()->rowCount() == 0; }));
    typeInto(search, QStringLiteral("BEN GMBH"));
    ASSERT_TRUE(waitUntil([&] { return table->model()->rowCount() == 45; }));
    typeInto(search, QStringLiteral("100%"));            // % is a character, not a wildcard
    ASSERT_TRUE(waitUntil([&] { return table->model()->rowCount() == 0; }));

    leads.setSearchText(QStringLiteral("lima"));
    while (leads.canFetchMore({}))
        leads.fetchMore({});
    EXPECT_EQ(leads.rowCount(), 45);
    leads.setStatusFilter(QStringLiteral("disqualified"));
    EXPECT_EQ(leads.rowCount(), 0);
    typeInto(search, QString());
    ASSERT_TRUE(waitUntil([&] { return table->model()->rowCount() == LeadListModel::PageSize; }));
}

TEST_F(LeadsPageTest, RulesEditorRescoresTheListAndTheDetailExplainsTheScore)
{
    addLeads(30);
    showPage();
    EXPECT_EQ(page->model()->rowCount(), 30);

    // The admin adds "trade fair +25" and "no phone -10" in the rules editor; each save rescoring every lead.
    ScoringRulesDialog rulesDialog(*workspace, page.get());
    rulesDialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&rulesDialog));
    auto setRule = [&](const QString& label, const QString& field, const QString& test, const QString& value, int points) {
        rulesDialog.editRule({});
        typeInto(child<QLineEdit>(&rulesDialog, QStringLiteral("ruleLabel")), label);
        const auto combos = rulesDialog.findChildren<QComboBox*>();
        for (QComboBox* c : combos) {
            if (c->findData(field) >= 0 && c->findData(QStringLiteral("contactId")) >= 0)
                c->setCurrentIndex(c->findData(field));
            if (c->findData(test) >= 0 && c->findData(QStringLiteral("present")) >= 0)
                c->setCurrentIndex(c->findData(test));
        }
        if (!value.isEmpty()) {
            for (QLineEdit* e : rulesDialog.findChildren<QLineEdit*>()) {
                if (e->objectName().isEmpty() && e->isEnabled() && e->isVisible())
                    typeInto(e, value);
            }
        }
        child<QSpinBox>(&rulesDialog, QStringLiteral("rulePoints"))->setValue(points);
        return waitForRescore([&] { click(child<QPushButton>(&rulesDialog, QStringLiteral("saveRuleButton"))); });
    };
    ASSERT_TRUE(setRule(QStringLiteral("Met at a trade fair"), QStringLiteral("source"), QStringLiteral("equals"),
                        QStringLiteral("trade fair"), 25));
    ASSERT_TRUE(setRule(QStringLiteral("No phone number"), QStringLiteral("phone"), QStringLiteral("missing"), {}, -10));
    EXPECT_EQ(rulesDialog.model()->rowCount(), 2);
    screenshot(&rulesDialog, QStringLiteral("lead-scoring-rules"));
    rulesDialog.close();

    // Best first: trade-fair leads with a phone (i % 15 == 0) score 25.
    EXPECT_EQ(page->model()->data(page->model()->index(0, LeadListModel::ScoreColumn)).toInt(), 25);
    EXPECT_EQ(page->model()->data(page->model()->index(29, LeadListModel::ScoreColumn)).toInt(), -10);
    page->table()->selectRow(0);
    auto* explanation = child<QListWidget>(page.get(), QStringLiteral("scoreExplanation"));
    ASSERT_EQ(explanation->count(), 1);
    EXPECT_EQ(explanation->item(0)->text(), QStringLiteral("+25 Met at a trade fair"));
    int row15 = 0;
    while (page->model()->data(page->model()->index(row15, LeadListModel::ScoreColumn)).toInt() != 15)
        ++row15;
    page->table()->selectRow(row15);
    const QString leadId = page->currentLead()->id;
    ASSERT_EQ(explanation->count(), 2);
    EXPECT_EQ(explanation->item(0)->text(), QStringLiteral("+25 Met at a trade fair"));
    EXPECT_EQ(explanation->item(1)->text(), QStringLiteral("-10 No phone number"));
    EXPECT_EQ(child<QLabel>(page.get(), QStringLiteral("leadScore"))->text(), QStringLiteral("15"));

    // A behaviour rule, then a call logged through the dialog: it shows on the timeline and moves the score.
    submit(QStringLiteral("scoring_rule.set"), {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("kind"), QStringLiteral("behaviour")},
                                                {QStringLiteral("label"), QStringLiteral("Calls (halved every 14 days)")},
                                                {QStringLiteral("activityKind"), QStringLiteral("call")},
                                                {QStringLiteral("halfLifeDays"), 14}, {QStringLiteral("points"), 20},
                                                {QStringLiteral("position"), 5}});
    ASSERT_TRUE(waitUntil([&] { return !page->isBusy(); }, 60000));
    page->selectLead(leadId);
    ActivityDialog dialog(*workspace, QStringLiteral("lead"), leadId, page.get());
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    child<QComboBox>(&dialog, QStringLiteral("activityKind"))->setCurrentIndex(0); // call
    typeInto(child<QLineEdit>(&dialog, QStringLiteral("activityTitle")), QStringLiteral("Discovery call"));
    child<QPlainTextEdit>(&dialog, QStringLiteral("activityBody"))->setPlainText(QStringLiteral("Budget approved for Q3; wants a demo."));
    screenshot(&dialog, QStringLiteral("log-activity"));
    dialog.accept();
    ASSERT_FALSE(dialog.loggedId().isEmpty());
    page->selectLead(leadId);
    EXPECT_EQ(child<QLabel>(page.get(), QStringLiteral("leadScore"))->text(), QStringLiteral("35"));
    ASSERT_EQ(explanation->count(), 3);
    EXPECT_EQ(explanation->item(2)->text(), QStringLiteral("+20 Calls (halved every 14 days) (1)"));
    TimelineModel* timeline = page->timeline()->model();
    ASSERT_GE(timeline->rowCount(), 2);
    // Newest first: the logged call (at "now") and the score change it caused (also at "now"); both present.
    QStringList kinds;
    for (int i = 0; i < timeline->rowCount(); ++i)
        kinds << timeline->data(timeline->index(i), TimelineModel::KindRole).toString();
    EXPECT_TRUE(kinds.contains(QStringLiteral("call")));
    EXPECT_EQ(kinds.count(QStringLiteral("score")), 4); // 0 at first, 25 and 15 after each rule, 35 after the call
    screenshot(page.get(), QStringLiteral("leads-page"));

    // Disqualified leads leave the default filter of MQLs and appear under "Disqualified".
    page->disqualify(QStringLiteral("No budget after all"));
    child<QComboBox>(page.get(), QStringLiteral("leadStatusFilter"))
        ->setCurrentIndex(child<QComboBox>(page.get(), QStringLiteral("leadStatusFilter"))->findData(QStringLiteral("disqualified")));
    ASSERT_EQ(page->model()->rowCount(), 1);
    EXPECT_EQ(page->model()->idAt(0), leadId);
}

TEST_F(LeadsPageTest, ConvertMakesAContactAndSaysWhatItCannotMake)
{
    addLeads(3);
    showPage();
    page->table()->selectRow(0);
    ASSERT_TRUE(page->currentLead());
    const QString id = page->currentLead()->id;
    if (!MutationRegistry::standard().find(QStringLiteral("company.create"), 1)) {
        Status refused = page->convert(QStringLiteral("Lima Lda"), {});
        ASSERT_FALSE(refused.ok());
        EXPECT_TRUE(refused.message().contains(QStringLiteral("company.create@1")));
    }
    ASSERT_TRUE(page->convert({}, {}).ok());
    page->selectLead(id);
    ASSERT_TRUE(page->currentLead());
    EXPECT_EQ(page->currentLead()->status, QStringLiteral("converted"));
    EXPECT_FALSE(page->currentLead()->convertedContactId.isEmpty());
    auto contact = workspace->contacts().find(page->currentLead()->convertedContactId);
    ASSERT_TRUE(contact.ok());
    EXPECT_TRUE(contact->has_value());
}

TEST_F(LeadsPageTest, ARescoreCanBeCancelledAndLeavesTheScores)
{
    addLeads(50);
    showPage();
    const int before = page->model()->data(page->model()->index(0, LeadListModel::ScoreColumn)).toInt();
    QSignalSpy done(page.get(), &LeadsPage::rescoreFinished);
    page->rescoreAll(QLatin1String(LeadScores::kCauseRules));
    ASSERT_TRUE(page->rescoreProgress()->isVisible());
    ASSERT_TRUE(page->isBusy());
    emit page->rescoreProgress()->cancelRequested();
    ASSERT_TRUE(waitUntil([&] { return done.count() > 0; }, 60000));
    EXPECT_FALSE(page->isBusy());
    EXPECT_FALSE(page->rescoreProgress()->isVisible());
    EXPECT_EQ(page->model()->data(page->model()->index(0, LeadListModel::ScoreColumn)).toInt(), before);
}
