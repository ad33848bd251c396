#include "base/timeutil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void time_iso(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_now_iso(char out[32])
{
	time_iso(time(NULL), out);
}

int64_t time_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int check_ymd(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = digits(s, 4), m, d, max;
	if (y < 1 || s[4] != '-' || s[7] != '-')
		return -1;
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (m < 1 || m > 12 || d < 1)
		return -1;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max ? 0 : -1;
}

int time_check_date(const char *s)
{
	if (strlen(s) != 10)
		return -1;
	return check_ymd(s);
}

int time_normalize_datetime(const char *s, char out[32])
{
	size_t n = strlen(s);
	int hh, mm, ss = 0;
	if (n > 0 && s[n - 1] == 'Z')
		n--;
	if ((n != 16 && n != 19) || check_ymd(s) || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
		return -1;
	hh = digits(s + 11, 2);
	mm = digits(s + 14, 2);
	if (n == 19) {
		if (s[16] != ':')
			return -1;
		ss = digits(s + 17, 2);
	}
	if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59)
		return -1;
	snprintf(out, 32, "%.10sT%02d:%02d:%02dZ", s, hh, mm, ss);
	return 0;
}

time_t time_parse_iso(const char *s)
{
	struct tm tm;
	char norm[32];
	memset(&tm, 0, sizeof(tm));
	if (time_normalize_datetime(s, norm))
		return -1;
	tm.tm_year = digits(norm, 4) - 1900;
	tm.tm_mon = digits(norm + 5, 2) - 1;
	tm.tm_mday = digits(norm + 8, 2);
	tm.tm_hour = digits(norm + 11, 2);
	tm.tm_min = digits(norm + 14, 2);
	tm.tm_sec = digits(norm + 17, 2);
	return timegm(&tm);
}

/* y-m-d from the first ten characters of s, checked as a calendar date. */
static int read_date(const char *s, struct tm *tm)
{
	char d[11];
	if (!s || strlen(s) < 10)
		return -1;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (time_check_date(d))
		return -1;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0') - 1900;
	tm->tm_mon = (d[5] - '0') * 10 + (d[6] - '0') - 1;
	tm->tm_mday = (d[8] - '0') * 10 + (d[9] - '0');
	return 0;
}

static void tm_plus_months(const struct tm *tm, int months, char out[16])
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int total, y, m, dim;
	total = tm->tm_year * 12 + tm->tm_mon + months;
	y = total / 12 + 1900;
	m = total % 12;
	dim = days[m] + (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)(m + 1) % 100u,
		 (unsigned)(tm->tm_mday < dim ? tm->tm_mday : dim) % 100u);
}

void time_today_plus_months(int months, char out[16])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	tm_plus_months(&tm, months, out);
}

int time_date_plus_months(const char *date, int months, char out[16])
{
	struct tm tm;
	if (read_date(date, &tm))
		return -1;
	tm_plus_months(&tm, months, out);
	return 0;
}

int time_date_plus_days(const char *date, int days, char out[16])
{
	struct tm tm;
	time_t t;
	if (read_date(date, &tm))
		return -1;
	t = timegm(&tm) + (time_t)days * 86400;
	gmtime_r(&t, &tm);
	snprintf(out, 16, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
		 (unsigned)tm.tm_mday % 100u);
	return 0;
}
