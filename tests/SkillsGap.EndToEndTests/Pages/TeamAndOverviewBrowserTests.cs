using Microsoft.Playwright;

namespace SkillsGap.EndToEndTests.Pages;

/// <summary>The team page and HR's overview in Chromium at 1400 px and on a 390 px phone.</summary>
public sealed partial class BrowserPageTests
{
    [ChromiumTheory]
    [InlineData(1400)]
    [InlineData(390)]
    public async Task A_manager_sees_who_needs_attention_first_and_plans_sponsorship_within_a_budget(int width)
    {
        await _page.SetViewportSizeAsync(width, 900);
        await SignInThroughThePageAsync("manager", "E-0003");

        await _page.GotoAsync("/team/E-0003");

        // "Who needs attention" is the first section; each person listed has a next step.
        Assert.Equal("Who needs attention", await _page.Locator("main h2").First.InnerTextAsync());
        var people = _page.Locator("ol.attention-list > li");
        Assert.True(await people.CountAsync() > 0);
        Assert.Equal(await people.CountAsync(), await _page.Locator("ol.attention-list > li .next-step").CountAsync());
        // The heatmap keeps "not required" apart from "met".
        Assert.True(await _page.Locator("table.heatmap td.not-required").CountAsync() > 0);
        Assert.True(await _page.Locator("table.heatmap td.met").CountAsync() > 0);
        // At phone width the heatmap's columns do not fit: the cue to scroll shows.
        if (width == 390) await Assertions.Expect(_page.Locator("p.scroll-cue")).ToBeVisibleAsync();

        await _page.GetByLabel("Budget (hours)").FillAsync("10");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Plan" }).ClickAsync();

        var plan = _page.GetByRole(AriaRole.Region, new() { Name = "Sponsorship plan" });
        await Assertions.Expect(plan).ToBeVisibleAsync();
        var quality = await plan.Locator(".plan-quality").InnerTextAsync();
        Assert.True(quality.StartsWith("Best possible", StringComparison.Ordinal) || quality.StartsWith("Within", StringComparison.Ordinal), quality);
        var overflow = await _page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        await BrowserSession.ScreenshotAsync(_page, $"manager-team-sponsorship-{width}");
        Assert.True(overflow <= 0, $"the team page is {overflow}px wider than {width}px");
    }

    [ChromiumFact]
    public async Task A_bad_budget_gets_a_plain_error_and_no_plan()
    {
        await SignInThroughThePageAsync("manager", "E-0003");

        await _page.GotoAsync("/team/E-0003?budget=-3#sponsor-heading");

        await Assertions.Expect(_page.Locator("#sponsor-heading ~ .notice.error")).ToContainTextAsync("positive number of hours");
        Assert.Equal(0, await _page.GetByRole(AriaRole.Region, new() { Name = "Sponsorship plan" }).CountAsync());
    }

    [ChromiumFact]
    public async Task Hr_finds_departments_by_need_sorts_them_searches_people_and_downloads_the_organisation_workbook()
    {
        await SignInThroughThePageAsync("hr", "E-0001");
        await _page.GotoAsync("/overview");

        // Least ready department first.
        var readiness = await _page.Locator("#departments-heading ~ .table-scroll tbody td:nth-child(3)").EvaluateAllAsync<double[]>(
            "cells => cells.map(c => +c.getAttribute('data-sort'))");
        Assert.True(readiness.Length > 1);
        Assert.Equal(readiness.Order(), readiness);
        // Sorting by name is one click on its heading.
        await _page.Locator("#departments-heading ~ .table-scroll thead th").First.GetByRole(AriaRole.Button).ClickAsync();
        var names = await _page.Locator("#departments-heading ~ .table-scroll tbody th").AllInnerTextsAsync();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);

        await _page.GetByLabel("Name or employee id").FillAsync("E-0003");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Region, new() { Name = "People found" }).Locator("tbody tr")).ToHaveCountAsync(1);

        var download = await _page.RunAndWaitForDownloadAsync(() =>
            _page.GetByRole(AriaRole.Link, new() { Name = "Download the organisation workbook", Exact = false }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(host.DataFolder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        // An xlsx is a zip: it starts with "PK".
        var head = new byte[2];
        await using (var file = File.OpenRead(path)) Assert.Equal(2, await file.ReadAsync(head));
        Assert.Equal("PK"u8.ToArray(), head);
        await Assertions.Expect(_page.GetByRole(AriaRole.Link, new() { Name = "Background jobs dashboard" })).ToHaveAttributeAsync("href", "/hangfire");
        await BrowserSession.ScreenshotAsync(_page, "hr-overview-sorted");
    }
}
