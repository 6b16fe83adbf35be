// Package bench runs the puzzle suite as a benchmark: it generates seeded
// instances, has a route answer each one, judges every answer with the
// task's verifier and reports success rate, time, token counts and the mix
// of answering modes per task and route, with AveNorm per route.
//
// A Route answers one query. The tool route (ToolRoute) calls the task's
// exact solver on the structured instance; model routes (added by the
// agent) answer from the English prompt and report tokens and how they
// answered (text, tool call or code).
//
// # Outputs
//
// Report.WriteJSON writes the whole report: the configuration, one row per
// (task, route) with n, solved, rate, mean/median/total seconds, prompt and
// completion tokens, the mode mix and norm (rate over the best route's rate
// on that task), one summary per route with its AveNorm, and every
// instance's result. Report.WriteCSV writes the rows with the columns
//
//	task,route,n,solved,success_rate,mean_s,median_s,total_s,prompt_tokens,completion_tokens,mix_text,mix_tool,mix_code,errors,norm
//
// and Report.WriteChart draws success per task and route as grouped bars
// (SVG or PNG, gonum.org/v1/plot).
//
// AveNorm of a route is the mean over tasks of its rate divided by the best
// rate any route reached on that task; tasks on which no route solved
// anything are left out of the mean.
package bench
