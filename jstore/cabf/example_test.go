package cabf_test

import (
	"fmt"
	"time"

	"github.com/jstore-sdk/sdk/jstore/cabf"
)

func ExampleMaxLifetime() {
	for _, day := range []string{"2026-03-14", "2026-03-15", "2027-03-15", "2029-03-15"} {
		t, _ := time.Parse(time.DateOnly, day)
		fmt.Println(day, cabf.MaxLifetime(t).Hours()/24, "days, validation reused up to", cabf.DCVReuse(t).Hours()/24, "days")
	}
	// Output:
	// 2026-03-14 398 days, validation reused up to 398 days
	// 2026-03-15 200 days, validation reused up to 200 days
	// 2027-03-15 100 days, validation reused up to 100 days
	// 2029-03-15 47 days, validation reused up to 10 days
}

func ExamplePlanSubscription() {
	start := time.Date(2029, 3, 15, 0, 0, 0, 0, time.UTC)
	plan := cabf.PlanSubscription(start, start.AddDate(1, 0, 0), start)
	fmt.Println(len(plan), "certificates serve one year bought on", start.Format(time.DateOnly))
	fmt.Println("first reissue:", plan[1].IssueAt.Format(time.DateOnly), "revalidate:", plan[1].NeedsDCV)
	// Output:
	// 12 certificates serve one year bought on 2029-03-15
	// first reissue: 2029-04-14 revalidate: true
}
