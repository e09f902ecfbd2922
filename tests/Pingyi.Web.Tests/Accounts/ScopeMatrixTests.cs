using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pingyi.Web.Modules.Accounts;
using Pingyi.Web.Tests.Support;

namespace Pingyi.Web.Tests.Accounts;

/// <summary>
/// Every role, bound to township T1, against every kind of read: another township's organizations,
/// people, exports and audit entries are neither shown nor counted nor exported.
/// </summary>
public sealed class ScopeMatrixTests
{
    public static TheoryData<string, string> RolesAndProviders
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var provider in Providers.All)
            {
                foreach (var role in Roles.All)
                {
                    data.Add(provider, role);
                }
            }
            return data;
        }
    }

    [Theory, MemberData(nameof(RolesAndProviders))]
    public async Task ATownshipAccount_SeesOnlyItsTownship_WhateverItsRole(string provider, string role)
    {
        await using var app = await TestApp.CreateAsync(provider);
        var tree = await app.SeedAsync();
        await app.CreateUserAsync("scoped", "T1", role);
        var client = await app.SignInAsync("scoped");
        var li = await app.QueryAsync(db => db.People.Where(p => p.Name == "李四").Select(p => p.Id).SingleAsync());

        // Single items of the other township: 404, as if they did not exist.
        foreach (var url in new[] { $"/api/v1/organizations/{tree.V21}", $"/api/v1/organizations/{tree.T2}", $"/api/v1/people/{li}",
                     $"/api/v1/organizations/tree?rootId={tree.T2}", $"/api/v1/exports/roster?organizationId={tree.V21}", $"/Organizations/Details/{tree.V21}", $"/People/Details/{li}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }

        // Lists and counts: only T1's.
        var organizations = await client.GetFromJsonAsync<JsonElement>("/api/v1/organizations?pageSize=200");
        Assert.Equal(5, organizations.GetProperty("total").GetInt32());
        var people = await client.GetFromJsonAsync<JsonElement>("/api/v1/people?pageSize=200");
        Assert.Equal(3, people.GetProperty("total").GetInt32());
        var byName = await client.GetFromJsonAsync<JsonElement>("/api/v1/people?q=" + Uri.EscapeDataString("李四"));
        Assert.Equal(0, byName.GetProperty("total").GetInt32());
        var home = await client.GetStringAsync("/");
        Assert.Contains("一号镇党委", home);
        Assert.DoesNotContain("二号乡党委", home);

        // Exports: only T1's rows.
        var roster = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/v1/exports/roster?format=csv"));
        Assert.Contains("赵一", roster);
        Assert.DoesNotContain("李四", roster);
        var orgs = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/v1/exports/organizations?format=csv"));
        Assert.Contains("V11", orgs);
        Assert.DoesNotContain("V21", orgs);

        // The audit trail, for the roles that may read it: only T1's entries.
        var audit = await client.GetAsync("/api/v1/audit?pageSize=200");
        if (role is Roles.SystemAdministrator or Roles.OrganizationDepartment or Roles.DisciplineInspection)
        {
            var entries = (await audit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entityId").GetString()).ToList();
            Assert.DoesNotContain(tree.V21.ToString(), entries);
            Assert.DoesNotContain(tree.T2.ToString(), entries);
            Assert.Contains(tree.V11.ToString(), entries);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
        }

        // Changes to the other township: refused, nothing changed.
        var rename = await client.PostAsJsonAsync($"/api/v1/organizations/{tree.V21}/rename", new { name = "越权" });
        Assert.Contains(rename.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Equal("南村党支部", await app.QueryAsync(db => db.Organizations.Where(o => o.Id == tree.V21).Select(o => o.Name).SingleAsync()));
    }
}
