"""FOCUS files of this month's billing period, and their import through the API, for the tests whose
budgets must see an exact spend: a file replaces the month, so its figures are exactly its rows."""
import datetime
import json

HEADER = ("BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ServiceCategory,"
          "ProviderName,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency")


def this_month():
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return today.replace(day=1), today


def month_file(charges, with_tags=False):
    """Each charge (day, service, amount, tags: a dict or None) is one line item of a day of this month;
    with `with_tags`, the file has a Tags column (an empty cell for None)."""
    first, _ = this_month()
    end = (first + datetime.timedelta(days=32)).replace(day=1)
    lines = [HEADER + (",Tags" if with_tags else "")]
    for day, service, amount, tags in charges:
        line = (f"{first}T00:00:00Z,{end}T00:00:00Z,{day}T00:00:00Z,{day + datetime.timedelta(days=1)}T00:00:00Z,"
                f"{service},Compute,AWS,Usage,{amount},{amount},USD")
        if with_tags:
            line += "," + ('"' + json.dumps(tags).replace('"', '""') + '"' if tags is not None else "")
        lines.append(line)
    return ("\n".join(lines) + "\n").encode()


def import_file(client, tenant, body, connection=None):
    r = client.post(f"/api/connections/{connection or tenant.connection_id}/costs?fileName=month.csv", body=body,
                    headers={"Content-Type": "text/csv"}, token=tenant.admin)
    assert r.status == 200, r.text
    return r.json()
